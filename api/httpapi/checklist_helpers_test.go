package httpapi

import (
	"regexp"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail/mailtest"
)

// mailbox reads one SMTP sink's messages in order, skipping those it is
// not asked for (notices).
type mailbox struct {
	sink *mailtest.Sink
	read int
}

// next waits for the next message to addr that re matches, and returns
// re's first submatch in it.
func (m *mailbox) next(t *testing.T, addr string, re *regexp.Regexp) string {
	t.Helper()
	for {
		msgs := m.sink.Wait(m.read+1, 10*time.Second)
		if len(msgs) <= m.read {
			t.Fatalf("no message to %s matching %s after %d messages", addr, re, m.read)
		}
		for _, msg := range msgs[m.read:] {
			m.read++
			if len(msg.To) != 1 || msg.To[0] != addr {
				continue
			}
			if sm := re.FindStringSubmatch(msg.Data); sm != nil {
				return sm[1]
			}
		}
	}
}

// verifyTokenRE finds a verify-email link's token (verification and
// change-email links).
var verifyTokenRE = regexp.MustCompile(`/api/auth/verify-email\?token=([A-Za-z0-9_-]+)`)

// resetTokenRE finds a reset link's token.
var resetTokenRE = regexp.MustCompile(`/api/auth/reset-password/([A-Za-z0-9_-]+)`)
