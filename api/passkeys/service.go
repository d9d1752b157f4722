package passkeys

import (
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
)

// Error codes this package adds to the domain's.
const (
	// CodeChallengeUsed answers a ceremony whose challenge already
	// completed one.
	CodeChallengeUsed domain.Code = "CHALLENGE_ALREADY_USED"
)

var (
	// ErrChallengeUsed refuses a second use of a challenge (a replayed
	// assertion or attestation).
	ErrChallengeUsed = domain.Errorf(CodeChallengeUsed, "Challenge already used")
	// ErrBanned refuses the sign-in of a banned person.
	ErrBanned = domain.Errorf(domain.CodeBanned, "You have been banned from this application")
)

// Claim kinds of the passkey plugin: a credential id belongs to one
// person; a challenge completes one ceremony.
const (
	claimCredential = "passkey_credential"
	claimChallenge  = "passkey_challenge"
)

// Service runs the passkey use cases.
type Service struct {
	app      *app.App
	sessions *sessions.Service
	cfg      Config
	rel      *passkey.Relying
	relErr   error
}

// New returns the passkey use cases over a, opening sessions through
// sess. cfg should come from Config.Resolve; an invalid relying party is
// reported by every ceremony (passkey.ErrInvalidConfig), not here, so a
// server without working passkeys still serves everything else.
func New(a *app.App, sess *sessions.Service, cfg Config) *Service {
	cfg = cfg.withDefaults()
	rel, err := passkey.New(cfg.RP())
	return &Service{app: a, sessions: sess, cfg: cfg, rel: rel, relErr: err}
}

// Config returns the configuration in force.
func (s *Service) Config() Config { return s.cfg }

// relying returns the relying party's ceremonies.
func (s *Service) relying() (*passkey.Relying, error) { return s.rel, s.relErr }

// user is the WebAuthn user of a person: the id is the user handle, the
// email its name and display name (as Better Auth sends), the
// credentials those of st.
func user(personID, email string, st authenticator.State) passkey.User {
	u := passkey.User{ID: personID, Name: email, DisplayName: email}
	for _, p := range st.Passkeys {
		u.Credentials = append(u.Credentials, passkey.Stored{CredentialID: p.CredentialID, PublicKey: p.PublicKey,
			AttestationType: p.AttestationType, AAGUID: p.AAGUID, SignCount: p.SignCount, Transports: p.Transports,
			UserVerified: p.UserVerified, BackupEligible: p.BackupEligible, BackedUp: p.BackedUp})
	}
	return u
}
