package mailer

import (
	"errors"
	"fmt"
	"net/textproto"
	"strings"
	"testing"
)

// TestRedactRecipient: an SMTP refusal that echoes the address (in any
// case) loses it from its text and keeps its identity for errors.As.
func TestRedactRecipient(t *testing.T) {
	const addr = "Ann.Example@example.org"
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"echoed", &textproto.Error{Code: 550, Msg: "5.1.1 <ann.example@example.org>: Recipient address rejected"},
			`550 "5.1.1 <[recipient]>: Recipient address rejected"`},
		{"not echoed", &textproto.Error{Code: 451, Msg: "4.3.0 try again later"}, `451 "4.3.0 try again later"`},
		{"wrapped", fmt.Errorf("mail: %w", &textproto.Error{Code: 550, Msg: "no such user " + addr}),
			`mail: 550 "no such user [recipient]"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := redactRecipient(tc.err, addr)
			if got.Error() != tc.want || strings.Contains(strings.ToLower(got.Error()), strings.ToLower(addr)) {
				t.Errorf("redacted = %q, want %q", got.Error(), tc.want)
			}
			var te *textproto.Error
			if !errors.As(got, &te) {
				t.Errorf("the redacted error lost its SMTP reply")
			}
		})
	}
	if redactRecipient(nil, addr) != nil {
		t.Error("nil error redacted into an error")
	}
}
