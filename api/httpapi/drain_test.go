package httpapi

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail"
)

// gatedMailer holds every message until the gate opens.
type gatedMailer struct {
	gate chan struct{}
	sent mail.Recorder
}

func (g *gatedMailer) Send(ctx context.Context, m mail.Message) error {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return ctx.Err()
	}
	return g.sent.Send(ctx, m)
}

// TestDrainWaitsForAcceptedMail: a reset request answered before its mail
// went out is still delivered when the server drains; Drain gives up only
// at its deadline.
func TestDrainWaitsForAcceptedMail(t *testing.T) {
	mailer := &gatedMailer{gate: make(chan struct{})}
	h := newHarness(t, func(c *Config) { c.Reset.Mailer = mailer })
	h.signUp("ada@example.com", "correct horse 1", "Ada")
	if r := h.post("/request-password-reset", `{"email":"ada@example.com"}`, nil); r.status != 200 {
		t.Fatalf("request-password-reset: %d %s", r.status, r.body)
	}
	short, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := h.srv.Drain(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Drain with the mail held = %v, want the deadline", err)
	}
	close(mailer.gate)
	if err := h.srv.Drain(context.Background()); err != nil {
		t.Fatalf("Drain = %v", err)
	}
	if msgs := mailer.sent.Messages(); len(msgs) != 1 || msgs[0].To != "ada@example.com" {
		t.Fatalf("delivered %+v, want the reset mail to ada@example.com", msgs)
	}
}
