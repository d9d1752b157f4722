package recovery

import (
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/api/proof"
	"github.com/authledger/authledger/api/sessions"
)

// claimKind indexes pending reset tokens (HMAC of their SHA-256) to their
// account stream; the kind binds the token to its purpose.
const claimKind = "reset_password"

// Service runs the password-reset use cases and the background workers
// of reset requests.
type Service struct {
	app      *app.App
	sessions *sessions.Service
	cfg      Config
	pool     *maillink.Pool // the requests being worked on
	proof    *proof.Remover
}

// New returns the password-reset use cases over a, revoking sessions
// through sess; new passwords are hashed with a.Hasher.
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

// Wait blocks until every accepted request has been worked on (for
// graceful shutdown and tests).
func (s *Service) Wait() { s.pool.Wait() }
