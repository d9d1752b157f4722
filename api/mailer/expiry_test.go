package mailer_test

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/api/recovery"
)

// TestExpiredLinkIsNotMailed: a mailer reaching a reset event after its
// link expired (a long outage, say) sends nothing; one in time does.
func TestExpiredLinkIsNotMailed(t *testing.T) {
	tests := []struct {
		name    string
		advance time.Duration
		want    int
	}{
		{"in time", 59 * time.Minute, 1},
		{"expired", time.Hour, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			e := newMailEnv(t)
			e.signUp(t, "Ann", "ann@example.com")
			env, rec := e.Env, e.rec
			svc := recovery.New(env.App, e.sess, recovery.Config{Mailer: rec, BaseURL: base})
			if err := svc.RequestReset(ctx, recovery.RequestInput{Caller: caller, Email: "ann@example.com"}); err != nil {
				t.Fatal(err)
			}
			svc.Wait()
			env.Clock.Advance(tt.advance)
			if got := len(rec.Messages()); got != tt.want {
				t.Errorf("got %d messages, want %d", got, tt.want)
			}
		})
	}
}
