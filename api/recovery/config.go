package recovery

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
)

// MaxPending bounds the reset requests worked on at once.
const MaxPending = 64

// DefaultSendTimeout bounds the background work of one request.
const DefaultSendTimeout = 30 * time.Second

// Config configures password reset by email. Zero values take the
// defaults.
type Config struct {
	// Mailer delivers reset links: the outbox mailer (api/mailer) sends
	// through it once the request is recorded, the service itself never
	// does. nil accepts requests alike but only logs that the link is
	// undeliverable (never the link itself).
	Mailer mail.Sender
	// TTL is the life of a reset link (default account.ResetTTL, 1 hour).
	TTL time.Duration
	// Subject of the email (default "Reset your password"; the outbox
	// mailer uses it).
	Subject string
	// SendTimeout bounds the work of one request (default 30 s): lookup
	// and append run after the answer, so their duration tells
	// nothing about the account.
	SendTimeout time.Duration
	// BaseURL is the public URL links are built on (the server sets it
	// from its own; never a request's Host or X-Forwarded-Host).
	BaseURL string
	// Policy is what a new password must meet (the server sets its own;
	// default password.DefaultPolicy()).
	Policy password.Policy
	// DefaultRedirect is where an emailed link sends the browser when the
	// request named no redirectTo (the server sets its hosted reset page);
	// empty: the base URL.
	DefaultRedirect string
	// Passkeys, when set, removes every passkey when a reset proves an
	// address that was never verified (whoever used it before may have
	// registered them).
	Passkeys Passkeys
}

// Passkeys is what a reset asks of passkeys; defined here, where it is
// consumed (passkeys.Service implements it).
type Passkeys interface {
	RemoveAllChange(ctx context.Context, personID string) (eventstore.Change, error)
}

// withDefaults fills the zero values.
func (c Config) withDefaults() Config {
	if c.TTL <= 0 {
		c.TTL = account.ResetTTL
	}
	if c.Subject == "" {
		c.Subject = "Reset your password"
	}
	if c.SendTimeout <= 0 {
		c.SendTimeout = DefaultSendTimeout
	}
	if c.Policy.MaxLength == 0 && c.Policy.MinLength == 0 {
		c.Policy = password.DefaultPolicy()
	}
	return c
}
