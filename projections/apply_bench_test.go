package projections

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// BenchmarkProjectorApply applies one decoded event to each projector that
// handles it (the projector's own work, over the in-memory read store, so
// the figure and its allocations are the projector's, not a database's):
// a session's creation and refresh for a person who signed up.
func BenchmarkProjectorApply(b *testing.B) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	const pid = "P0000000000000000000000000000001"
	signUp := person.SignedUp{PersonID: pid, Email: "bench@example.com", Name: "Bench", At: at}
	tests := []struct {
		name string
		ev   func(i int) domain.Event
	}{
		{"session.created", func(i int) domain.Event {
			return session.Created{SessionID: fmt.Sprintf("S%031d", i), PersonID: pid, TokenHash: fmt.Sprintf("%064d", i),
				ExpiresAt: at.Add(time.Hour), IP: "10.0.0.1", UserAgent: "curl/8.5.0", At: at}
		}},
		{"session.refreshed", func(int) domain.Event {
			return session.Refreshed{SessionID: fmt.Sprintf("S%031d", 0), PersonID: pid, ExpiresAt: at.Add(2 * time.Hour), At: at}
		}},
	}
	ctx := context.Background()
	for _, tt := range tests {
		for _, p := range All() {
			if !p.Handles(tt.ev(0).EventType()) {
				continue
			}
			b.Run(tt.name+"/"+p.Name(), func(b *testing.B) {
				tx := memTx(b)
				pos := uint64(1)
				apply := func(ev domain.Event) {
					pos++
					rec := eventstore.Record{Type: ev.EventType(), Position: eventstore.Position{Lo: pos}}
					if err := p.Apply(ctx, tx, rec, ev, domain.Metadata{}); err != nil {
						b.Fatal(err)
					}
				}
				if p.Handles(signUp.EventType()) {
					apply(signUp)
				}
				if tt.name != "session.created" && p.Handles(session.TypeCreated) {
					apply(tests[0].ev(0))
				}
				evs := make([]domain.Event, b.N)
				for i := range evs {
					evs[i] = tt.ev(i + 1)
				}
				b.ReportAllocs()
				b.ResetTimer()
				for i := range b.N {
					apply(evs[i])
				}
			})
		}
	}
}
