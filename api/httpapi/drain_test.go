package httpapi

import (
	"context"
	"strings"
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

// TestMailNeverBlocksACommand: a reset request is answered while its mail
// is held by the SMTP server; Drain waits only for the request's own work
// (lookup and append), and the outbox delivers the mail once the server
// takes it.
func TestMailNeverBlocksACommand(t *testing.T) {
	mailer := &gatedMailer{gate: make(chan struct{})}
	h := newHarness(t, func(c *Config) { c.Reset.Mailer = mailer })
	h.signUp("ada@example.com", "correct horse 1", "Ada")
	if r := h.post("/request-password-reset", `{"email":"ada@example.com"}`, nil); r.status != 200 {
		t.Fatalf("request-password-reset: %d %s", r.status, r.body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.srv.Drain(ctx); err != nil {
		t.Fatalf("Drain with the mail held = %v, want nil (mail is not the request's work)", err)
	}
	if msgs := mailer.sent.Messages(); len(msgs) != 0 {
		t.Fatalf("delivered %d messages through a closed gate", len(msgs))
	}
	close(mailer.gate)
	for range 1000 {
		if msgs := mailer.sent.Messages(); len(msgs) == 1 {
			if msgs[0].To != "ada@example.com" || !strings.HasPrefix(msgs[0].MessageID, "<") {
				t.Fatalf("delivered %+v, want the reset mail to ada@example.com with a Message-ID", msgs[0])
			}
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("delivered %+v, want the reset mail", mailer.sent.Messages())
}
