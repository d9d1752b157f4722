package mailer_test

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/api/sessions"
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
			env := apptest.New(t)
			rec := &mailertest.Recorder{}
			rec.Bind(env.App, mailer.Config{BaseURL: base})
			sess := sessions.New(env.App, sessions.Config{})
			ids, err := identity.New(env.App, sess, nil, identity.Config{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ids.SignUp(ctx, identity.SignUpInput{Caller: caller, Name: "Ann", Email: "ann@example.com",
				Password: "correct horse 1"}); err != nil {
				t.Fatal(err)
			}
			svc := recovery.New(env.App, sess, recovery.Config{Mailer: rec, BaseURL: base})
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
