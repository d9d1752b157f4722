package httpapi

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/eventstore"
)

// documentedVerifyRoutes are the email-verification routes of Better Auth.
var documentedVerifyRoutes = map[string]bool{"POST /send-verification-email": true, "GET /verify-email": true,
	"POST /change-email": true}

// withVerification turns email verification on with cfg's flags, its
// mail going to a local SMTP sink (the real net/smtp client).
func withVerification(t testing.TB, cfg verification.Config) (option, *mailtest.Sink) {
	sink := mailtest.Start(t)
	return func(c *Config) {
		cfg.Mailer = mail.SMTP{Host: "127.0.0.1", Port: sink.Port(), From: "noreply@example.com"}
		c.Verification = cfg
	}, sink
}

var verifyLinkRE = regexp.MustCompile(`(http://[^/\s]+)/api/auth/verify-email\?token=([A-Za-z0-9_-]+)&callbackURL=(\S*)`)

// verifyToken waits for the n-th message (from 1) of the sink, checks it
// went to addr and returns its verification token and the link's origin.
func verifyToken(t testing.TB, sink *mailtest.Sink, addr string, n int) (token, linkOrigin string) {
	t.Helper()
	msgs := sink.Wait(n, 10*time.Second)
	if len(msgs) < n {
		t.Fatalf("got %d messages, want %d", len(msgs), n)
	}
	if len(msgs[n-1].To) != 1 || msgs[n-1].To[0] != addr {
		t.Fatalf("message %d to %v, want %s", n, msgs[n-1].To, addr)
	}
	m := verifyLinkRE.FindStringSubmatch(msgs[n-1].Data)
	if m == nil {
		t.Fatalf("no verification link in %q", msgs[n-1].Data)
	}
	return m[2], m[1]
}

// typesSince lists the types of the events stored after pos, in order.
func (h *harness) typesSince(pos eventstore.Position) []string {
	h.t.Helper()
	recs, err := h.store.ReadAll(context.Background(), pos, 100000)
	if err != nil {
		h.t.Fatal(err)
	}
	out := []string{}
	for _, r := range recs {
		out = append(out, r.Type)
	}
	return out
}
