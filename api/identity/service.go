package identity

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/eventstore"
)

// SecondFactor is what a password sign-in asks of two-factor: whether the
// person must pass a second step on this device and, if so, the pending
// challenge. Defined here, where it is consumed; mfa.Service implements it.
type SecondFactor interface {
	Challenge(ctx context.Context, personID string, device mfa.Device, passwordAt time.Time, remember bool) (mfa.Challenge, bool, error)
}

// EmailVerifier is what sign-up and sign-in ask of email verification.
// Defined here, where it is consumed; verification.Service implements it.
type EmailVerifier interface {
	// Required reports whether sign-in needs a proven address (and
	// sign-up then opens no session).
	Required() bool
	// SendsOnSignUp reports whether sign-up mails a link.
	SendsOnSignUp() bool
	// SendInBackground mails a fresh link to the person after the answer.
	SendInBackground(caller app.Caller, personID, callbackURL string)
}

// Service runs the identity use cases.
type Service struct {
	app       *app.App
	sessions  *sessions.Service
	second    SecondFactor
	passwords *Passwords
	cfg       Config
	// accounts caches folded account states for sign-in: an account's
	// stream gains a record with every sign-in, and folding it from the
	// first record would make a sign-in cost grow with the account's age.
	// The cache is checked against the stream on every load (only newer
	// records are read), and DropCachedStates empties it after an erasure.
	accounts *eventstore.FoldCache[account.State]
}

// accountCacheSize bounds the cached account states (a few hundred bytes
// each); past it an arbitrary entry is dropped and folded again when used.
const accountCacheSize = 16384

// New returns the identity use cases over a. second may be nil (no second
// factor). It fails when cfg's field schema is invalid.
func New(a *app.App, sess *sessions.Service, second SecondFactor, cfg Config) (*Service, error) {
	cfg = cfg.Defaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Service{app: a, sessions: sess, second: second, passwords: NewPasswords(a, cfg.PasswordPolicy), cfg: cfg,
		accounts: eventstore.NewFoldCache[account.State](accountCacheSize)}, nil
}

// DropCachedStates forgets the cached account states: after an erasure
// destroyed data keys, nothing decrypted with them stays in memory.
func (s *Service) DropCachedStates() { s.accounts.Clear() }

// Config returns the rules in force (defaults filled, role field added).
func (s *Service) Config() Config { return s.cfg }

// Passwords returns the password checks this service uses.
func (s *Service) Passwords() *Passwords { return s.passwords }

// AcceptsField reports whether a request may name key besides its own
// fields: an additional user field, or "email" (which update-user then
// refuses with its own code).
func (s *Service) AcceptsField(key string) bool {
	if key == "email" {
		return true
	}
	for _, f := range s.cfg.Fields {
		if f.Name == key {
			return true
		}
	}
	return false
}
