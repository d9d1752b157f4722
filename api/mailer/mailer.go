package mailer

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
)

// Name is the mailer's checkpoint name.
const Name = "mail.v1"

// Config names each flow's sender (nil: that flow's mail is off and its
// events pass unsent) and the texts.
type Config struct {
	Reset, Verify, Delete, OTP, Invite mail.Sender
	// BaseURL is the public URL links are built on; its host names the
	// Message-IDs.
	BaseURL string
	// Subjects (defaults: "Reset your password", "Verify your email
	// address", "Your sign-in code").
	ResetSubject, VerifySubject, OTPSubject string
	// Welcome, when set, mails a welcome on every sign-up (welcome.go).
	Welcome Welcome
}

// Mailer composes and sends the mail of the log's events.
type Mailer struct {
	app     *app.App
	cfg     Config
	secrets maillink.Secrets
	host    string
	senders map[string]mail.Sender // event type → sender
}

// New returns the mailer of a's log.
func New(a *app.App, cfg Config) *Mailer {
	if cfg.ResetSubject == "" {
		cfg.ResetSubject = "Reset your password"
	}
	if cfg.VerifySubject == "" {
		cfg.VerifySubject = "Verify your email address"
	}
	if cfg.OTPSubject == "" {
		cfg.OTPSubject = "Your sign-in code"
	}
	cfg.Welcome = cfg.Welcome.withDefaults()
	host := "authledger.invalid"
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	m := &Mailer{app: a, cfg: cfg, secrets: maillink.NewSecrets(a.Secret), host: host, senders: map[string]mail.Sender{}}
	for typ, s := range map[string]mail.Sender{
		account.TypePasswordResetRequested:    cfg.Reset,
		person.TypeEmailVerificationRequested: cfg.Verify,
		person.TypeEmailChangeRequested:       cfg.Verify,
		person.TypeDeletionRequested:          cfg.Delete,
		twofactor.TypeOTPSent:                 cfg.OTP,
		group.TypeInvitationCreated:           cfg.Invite,
		group.TypeInvitationResent:            cfg.Invite,
		person.TypeUnprovenAccessRemoved:      noticeSender(cfg),
		person.TypeSignedUp:                   cfg.Welcome.Sender,
	} {
		if s != nil {
			m.senders[typ] = s
		}
	}
	return m
}

// Enabled reports whether any flow has a sender.
func (m *Mailer) Enabled() bool { return len(m.senders) > 0 }

// Subscriber is the outbox subscriber that runs the mailer, keeping its
// checkpoint in cps.
func (m *Mailer) Subscriber(cps outbox.Checkpoints) *outbox.Subscriber {
	return &outbox.Subscriber{Name: Name, Store: m.app.Store, Checkpoints: cps, Handler: m, Logger: m.app.Logger}
}

// Wants implements outbox.Handler: the mail-bearing types with a sender.
func (m *Mailer) Wants(rec eventstore.Record) bool { return m.senders[rec.Type] != nil }

// Handle implements outbox.Handler: compose and send rec's message, if it
// still needs one. A message the sender refuses as malformed is given up
// at once (permanent); any other failure is retried.
func (m *Mailer) Handle(ctx context.Context, rec eventstore.Record) error {
	ev, _, err := m.app.Codec.Decode(ctx, rec)
	if err != nil {
		return outbox.Permanent(fmt.Errorf("mailer: decode %s: %w", rec.ID, err))
	}
	msg, ok, err := m.compose(ctx, rec, ev)
	if err != nil || !ok {
		return err
	}
	msg.MessageID = "<" + rec.ID + "@" + m.host + ">"
	if err := m.senders[rec.Type].Send(ctx, msg); err != nil {
		err = redactRecipient(err, msg.To) // redact.go
		if errors.Is(err, mail.ErrInvalidMessage) {
			return outbox.Permanent(err)
		}
		return fmt.Errorf("mailer: %s mail of event %s: %w", rec.Type, rec.ID, err) // never the address or link
	}
	m.app.Logger.Info("mail sent", "type", rec.Type, "event", rec.ID)
	return nil
}

// compose returns the message of ev, or false when it needs none.
func (m *Mailer) compose(ctx context.Context, rec eventstore.Record, ev domain.Event) (mail.Message, bool, error) {
	switch e := ev.(type) {
	case account.PasswordResetRequested:
		return m.reset(ctx, e)
	case person.EmailVerificationRequested:
		return m.verify(ctx, e)
	case person.EmailChangeRequested:
		return m.change(ctx, e)
	case person.DeletionRequested:
		return m.deletion(ctx, e)
	case twofactor.OTPSent:
		return m.otp(ctx, e)
	case person.UnprovenAccessRemoved:
		return m.unproven(ctx, e)
	case person.SignedUp:
		return m.welcome(ctx, e)
	case group.InvitationCreated:
		return m.invitation(ctx, rec.Stream, e.InvitationID)
	case group.InvitationResent:
		return m.invitation(ctx, rec.Stream, e.InvitationID)
	}
	return mail.Message{}, false, nil
}

// link is base + path + query, on the configured base URL only.
func (m *Mailer) link(path string, query ...string) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(m.cfg.BaseURL, "/"))
	b.WriteString(path)
	for i := 0; i+1 < len(query); i += 2 {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(query[i] + "=" + url.QueryEscape(query[i+1]))
	}
	return b.String()
}

// noticeSender is the sender of notices that carry no link (the owner of a
// just-proven address told what was removed): the verification mail's,
// else the password reset's.
func noticeSender(cfg Config) mail.Sender {
	if cfg.Verify != nil {
		return cfg.Verify
	}
	return cfg.Reset
}
