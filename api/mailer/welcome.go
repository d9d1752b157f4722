package mailer

import (
	"context"
	"strings"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/domain/person"
)

// Welcome is the welcome mail of a sign-up (Better Auth's
// databaseHooks.user.create.after sending one, without code): off while
// Sender is nil. Subject and Text default to DefaultWelcomeSubject and
// DefaultWelcomeText; in Text, {name}, {email} and {url} are replaced by
// the person's name, address and the base URL. The message carries no
// link token or secret, so a repeat (at-least-once, same Message-ID) is
// harmless.
type Welcome struct {
	Sender  mail.Sender
	Subject string
	Text    string
}

// Defaults of the welcome mail.
const (
	DefaultWelcomeSubject = "Welcome"
	DefaultWelcomeText    = "Hello {name},\n\nwelcome! Your account {email} is ready: sign in at {url}.\n\n" +
		"If you did not create this account, ignore this email.\n"
)

func (w Welcome) withDefaults() Welcome {
	if w.Subject == "" {
		w.Subject = DefaultWelcomeSubject
	}
	if strings.TrimSpace(w.Text) == "" {
		w.Text = DefaultWelcomeText
	}
	return w
}

// welcome mails the new person at their current address; nothing for a
// person erased since (their address no longer opens).
func (m *Mailer) welcome(ctx context.Context, e person.SignedUp) (mail.Message, bool, error) {
	to, err := m.recipient(ctx, e.PersonID)
	if err != nil || to == "" {
		return none, false, err
	}
	name := e.Name
	if name == "" {
		name = to
	}
	text := strings.NewReplacer("{name}", name, "{email}", to, "{url}", strings.TrimRight(m.cfg.BaseURL, "/")+"/").
		Replace(m.cfg.Welcome.Text)
	return mail.Message{To: to, Subject: m.cfg.Welcome.Subject, Text: text}, true, nil
}
