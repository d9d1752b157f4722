package verification

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/api/proof"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// claimKind indexes pending verification tokens (HMAC of their SHA-256)
// to their person stream; the kind binds a token to its purpose.
const claimKind = "verify_email"

// MaxPending bounds the session-less requests worked on at once.
const MaxPending = 64

// Config configures email verification (Better Auth's emailVerification
// and emailAndPassword.requireEmailVerification options). Zero values take
// the defaults.
type Config struct {
	// Mailer delivers links; nil turns verification off (requests are
	// refused with VERIFICATION_EMAIL_NOT_ENABLED, as Better Auth does
	// without a sendVerificationEmail function).
	Mailer mail.Sender
	// BaseURL is the public URL links are built on.
	BaseURL string
	// TTL is the life of a link (default person.VerifyTTL, 1 hour).
	TTL time.Duration
	// Subject of the email (default "Verify your email address").
	Subject string
	// SendTimeout bounds the background work of one request (default 30 s).
	SendTimeout time.Duration
	// SendOnSignUp mails a link after every sign-up.
	SendOnSignUp bool
	// AutoSignIn opens a session when a link is followed.
	AutoSignIn bool
	// ChangeEmail serves change-email (Better Auth's
	// user.changeEmail.enabled; off by default).
	ChangeEmail bool
	// Passkeys, when set, removes every passkey when an address is
	// proven (they may have been registered by whoever used it before).
	Passkeys Passkeys
	// DefaultRedirect is where a link sends the browser when the request
	// named no callbackURL (default "/").
	DefaultRedirect string
	// Required refuses password sign-in until the address is proven (and
	// mails a fresh link) and opens no session at sign-up.
	Required bool
}

func (c Config) withDefaults() Config {
	if c.TTL <= 0 {
		c.TTL = person.VerifyTTL
	}
	if c.Subject == "" {
		c.Subject = "Verify your email address"
	}
	if c.SendTimeout <= 0 {
		c.SendTimeout = 30 * time.Second
	}
	return c
}

// Passkeys is what a proven address asks of passkeys; defined here,
// where it is consumed (passkeys.Service implements it).
type Passkeys interface {
	RemoveAllChange(ctx context.Context, personID string) (eventstore.Change, error)
}

// Service runs the email-verification use cases.
type Service struct {
	app      *app.App
	sessions *sessions.Service
	cfg      Config
	pool     *maillink.Pool
	proof    *proof.Remover
}

// New returns the email-verification use cases over a; sess opens the
// session of an automatic sign-in.
func New(a *app.App, sess *sessions.Service, cfg Config) *Service {
	var pk proof.Passkeys
	if cfg.Passkeys != nil {
		pk = cfg.Passkeys
	}
	return &Service{app: a, sessions: sess, cfg: cfg.withDefaults(), pool: maillink.NewPool(MaxPending),
		proof: proof.New(a, sess, pk)}
}

// Config returns the configuration in force.
func (s *Service) Config() Config { return s.cfg }

// Enabled reports whether links can be mailed.
func (s *Service) Enabled() bool { return s.cfg.Mailer != nil }

// Required reports whether sign-in needs a proven address.
func (s *Service) Required() bool { return s.cfg.Required }

// SendsOnSignUp reports whether a sign-up mails a link.
func (s *Service) SendsOnSignUp() bool { return s.cfg.SendOnSignUp && s.Enabled() }

// Wait blocks until every background request has been worked on (for
// graceful shutdown and tests).
func (s *Service) Wait() { s.pool.Wait() }
