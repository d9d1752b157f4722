package projections

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore/registry"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
	ontsqlite "github.com/authledger/authledger/ontology/sqlite"
)

// Rebuild benchmark workload: benchPeople people sign up (person.signed_up,
// account.created, session.created), then sign-in cycles of random people
// fill the log to benchTotal events. A cycle is a success
// (sign_in_succeeded + session.created) followed by two refreshes and a
// revoke; one cycle in ten starts with a failed attempt. Every event
// carries an IP and user agent in its metadata, sealed like in production.
const (
	benchTotal  = 1_000_000
	benchPeople = 8_000 // the working set fits the keyring cache (KeyCacheSize)
	benchAppend = 1_000 // events per Append call while building the fixture
)

// BenchmarkRebuild rebuilds all projections from a SQLite event store file
// with benchTotal events into a SQLite read store (blue/green, with
// Promote), reporting events/s. Run it alone: go test -run XXX -bench
// Rebuild -benchtime 1x ./projections (building the fixture takes a while).
func BenchmarkRebuild(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	es, err := essqlite.Open(ctx, filepath.Join(dir, "events.db"), essqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		b.Fatal(err)
	}
	defer es.Close()
	kek := eventstore.DeriveKEK([]byte("bench secret"))
	start := time.Now()
	n := buildFixture(b, ctx, es, eventstore.NewCodec(registry.New(), eventstore.NewKeyring(es.Keys(), kek)))
	b.Logf("fixture: %d events in %s", n, time.Since(start).Round(time.Millisecond))

	read, err := ontsqlite.Open(ctx, filepath.Join(dir, "ontology.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer read.Close()
	var catchUp, promote time.Duration
	b.ResetTimer()
	for range b.N {
		// A fresh keyring per rebuild: a rebuild process starts with a cold cache.
		codec := eventstore.NewCodec(registry.New(), eventstore.NewKeyring(es.Keys(), kek))
		r, err := NewRunner(es, codec, read, All(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		var applied time.Time
		err = r.Rebuild(ctx, func(done, total uint64) {
			if done >= uint64(n) {
				applied = time.Now()
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		catchUp += applied.Sub(start)
		promote += time.Since(applied)
	}
	b.StopTimer()
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(n)*float64(b.N)/catchUp.Seconds(), "catchup-events/s")
	b.ReportMetric(promote.Seconds()/float64(b.N), "promote-s")
}

// benchGen produces the workload's events in log order.
type benchGen struct {
	rng      *rand.Rand
	at       time.Time
	sessions int
	out      []benchEvent
}

type benchEvent struct {
	stream string
	ev     domain.Event
	person string
}

func benchID(prefix string, n int) string { return fmt.Sprintf("%s%0*d", prefix, 32-len(prefix), n) }

func (g *benchGen) add(stream, personID string, ev domain.Event) {
	g.out = append(g.out, benchEvent{stream: stream, ev: ev, person: personID})
}

func (g *benchGen) tick() time.Time { g.at = g.at.Add(37 * time.Millisecond); return g.at }

func (g *benchGen) signUp(i int) {
	p, acc, at := benchID("p", i), benchID("a", i), g.tick()
	g.add(domain.PersonStream(p), p, person.SignedUp{PersonID: p, Email: fmt.Sprintf("user%d@example.com", i),
		Name: fmt.Sprintf("User %d", i), Role: "user", Fields: `{"locale":"en-GB"}`, CredentialAccountID: acc, At: at})
	g.add(account.Stream(acc), p, account.Created{AccountID: acc, PersonID: p, ProviderID: account.ProviderCredential,
		PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$3q2+7w9J8T3CzqV9o5gYq0mS4uQy1S0xN0a6mQ7Xh1Y", At: at})
	g.session(p, at)
}

func (g *benchGen) session(p string, at time.Time) string {
	g.sessions++
	s := benchID("s", g.sessions)
	g.add(domain.SessionStream(s), p, session.Created{SessionID: s, PersonID: p, TokenHash: fmt.Sprintf("%064x", g.sessions),
		ExpiresAt: at.Add(7 * 24 * time.Hour), RememberMe: true, IP: "198.51.100.23",
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0", At: at})
	return s
}

func (g *benchGen) cycle() {
	i := g.rng.IntN(benchPeople)
	p, acc := benchID("p", i), benchID("a", i)
	if g.rng.IntN(10) == 0 {
		g.add(account.Stream(acc), p, account.SignInFailed{AccountID: acc, PersonID: p, Reason: "invalid_password", Failures: 1, At: g.tick()})
	}
	at := g.tick()
	s := benchID("s", g.sessions+1)
	g.add(account.Stream(acc), p, account.SignInSucceeded{AccountID: acc, PersonID: p, SessionID: s, At: at})
	g.session(p, at)
	for range 2 {
		at = g.tick()
		g.add(domain.SessionStream(s), p, session.Refreshed{SessionID: s, PersonID: p, ExpiresAt: at.Add(7 * 24 * time.Hour), At: at})
	}
	g.add(domain.SessionStream(s), p, session.Revoked{SessionID: s, PersonID: p, TokenHash: fmt.Sprintf("%064x", g.sessions),
		Reason: session.ReasonSignOut, At: g.tick()})
}

// buildFixture appends the workload to es in batched appends and returns
// the number of events.
func buildFixture(b *testing.B, ctx context.Context, es eventstore.Store, codec *eventstore.Codec) int {
	g := &benchGen{rng: rand.New(rand.NewPCG(1, 2)), at: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	total := 0
	for i := 0; total < benchTotal; i++ {
		if i < benchPeople {
			g.signUp(i)
		} else {
			g.cycle()
		}
		if len(g.out) >= benchAppend || total+len(g.out) >= benchTotal {
			total += flushBench(b, ctx, es, codec, g.out[:min(len(g.out), benchTotal-total)])
			g.out = g.out[:0]
		}
	}
	return total
}

func flushBench(b *testing.B, ctx context.Context, es eventstore.Store, codec *eventstore.Codec, evs []benchEvent) int {
	reqs := make([]eventstore.AppendRequest, 0, len(evs))
	for _, e := range evs {
		meta := domain.Metadata{Actor: e.person, RequestID: "req", IP: "198.51.100.23",
			UserAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0", OccurredAt: time.Now()}
		data, err := codec.Encode(ctx, e.ev, meta, e.person)
		if err != nil {
			b.Fatal(err)
		}
		reqs = append(reqs, eventstore.AppendRequest{Stream: e.stream, Expected: eventstore.Any, Events: []eventstore.EventData{data}})
	}
	if _, err := es.Append(ctx, reqs...); err != nil {
		b.Fatal(err)
	}
	return len(evs)
}
