package mailer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/domain/person"
)

// TestWelcomeMail: with a welcome configured, every sign-up gets one
// message through SMTP, with the configured texts and a Message-ID derived
// from the event; an event handled twice (a crash before the checkpoint)
// sends the same Message-ID again; an erased person gets nothing; without
// a welcome sender, sign-ups pass unsent.
func TestWelcomeMail(t *testing.T) {
	for _, tt := range []struct {
		name    string
		welcome func(mail.Sender) mailer.Welcome
		want    []string // substrings of the one message; nil: no message
	}{
		{"defaults", func(s mail.Sender) mailer.Welcome { return mailer.Welcome{Sender: s} },
			[]string{"Subject: Welcome\r\n", "Hello Ann,", "Your account alice@example.com is ready: sign in at http://127.0.0.1:8080/."}},
		{"configured texts", func(s mail.Sender) mailer.Welcome {
			return mailer.Welcome{Sender: s, Subject: "Welcome to Acme", Text: "Hi {name} <{email}>, see {url}docs\n"}
		}, []string{"Subject: Welcome to Acme\r\n", "Hi Ann <alice@example.com>, see http://127.0.0.1:8080/docs"}},
		{"off", func(mail.Sender) mailer.Welcome { return mailer.Welcome{} }, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, backends()[0])
			smtp := mail.SMTP{Host: "127.0.0.1", Port: r.sink.Port(), From: "noreply@example.com"}
			m := mailer.New(r.env.App, mailer.Config{BaseURL: base, Welcome: tt.welcome(smtp)})
			r.sub = m.Subscriber(outbox.ReadStore(r.read))
			bob := r.signUp("bob@example.com")
			if _, err := compliance.New(r.env.App, compliance.Deps{}).Forget(context.Background(),
				compliance.ForgetInput{Caller: caller, Actor: bob, PersonID: bob}); err != nil {
				t.Fatal(err)
			}
			r.signUp("alice@example.com")
			r.run()
			r.caughtUp()
			got := r.sink.Messages()
			if tt.want == nil {
				if len(got) != 0 {
					t.Fatalf("got %d messages with the welcome off", len(got))
				}
				return
			}
			if len(got) != 1 || got[0].To[0] != "alice@example.com" {
				t.Fatalf("got %+v, want one welcome, to alice (none for the erased bob)", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got[0].Data, w) {
					t.Errorf("welcome %q lacks %q", got[0].Data, w)
				}
			}
			var signedUp string
			for _, rec := range r.env.Records(t) {
				if rec.Type == person.TypeSignedUp {
					signedUp = rec.ID
					if err := m.Handle(context.Background(), rec); err != nil { // a redelivery
						t.Fatal(err)
					}
				}
			}
			got = r.sink.Messages()
			id := fmt.Sprintf("Message-ID: <%s@127.0.0.1>\r\n", signedUp)
			if len(got) != 2 || !strings.Contains(got[0].Data, id) || !strings.Contains(got[1].Data, id) {
				t.Errorf("a redelivered sign-up must carry the same Message-ID %q: %+v", id, got)
			}
		})
	}
}
