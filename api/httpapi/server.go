package httpapi

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/operatorkeys"
	"github.com/authledger/authledger/api/origin"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/api/ratelimit"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/token"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/api/webhooks"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// Server is the HTTP API. Build it with New, serve Handler, and run Run in
// the background to keep the session index following the log.
type Server struct {
	recovery *recovery.Service // background reset requests, drained on shutdown
	mailer   *mailer.Mailer    // the outbox mailer (run by the caller, see Mailer)
	cfg      Config
	app      *app.App
	sessions *sessions.Service
	identity *identity.Service
	mfa      *mfa.Service
	verify   *verification.Service
	passkeys *passkeys.Service
	kit      *wire.Kit
	echo     *echo.Echo
	limiter  *ratelimit.Limiter
	features []wire.Feature
	statuses wire.Statuses   // every error code's HTTP status, merged once
	metrics  *httpMetrics    // Prometheus registry (metrics.go)
	overload hashOverload    // 503s of a full password hasher (overload.go)
	reqIDs   *token.Sequence // ids of requests that bring none (middleware.go)

	// operators are the operator keys of /v1 and /metrics (operator_auth.go).
	operators *operatorkeys.Service
	// webhooks are the webhook endpoints (webhooks_feature.go).
	webhooks *webhooks.Service

	followErr    atomic.Pointer[error] // last follower failure (for /readyz)
	lastRetryPos eventstore.Position   // only touched by Run
}

// New validates cfg and builds the server: the kernel, the use cases,
// the features and their routes.
func New(cfg Config) (*Server, error) {
	cfg.defaults()
	base, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	checker, err := origin.New(cfg.BaseURL, cfg.TrustedOrigins...)
	if err != nil {
		return nil, err
	}
	kernel, err := app.New(app.Deps{Store: cfg.Store, Codec: cfg.Codec, Keys: cfg.Keys, Read: cfg.Read,
		Projections: cfg.Projections, Index: sessionindex.New(), Hasher: cfg.Hasher, Secret: cfg.Secret,
		WaitTimeout: cfg.WaitTimeout, Logger: cfg.Logger, Clock: cfg.Now, Rand: cfg.Rand})
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, app: kernel}
	if s.reqIDs, err = token.NewSequence(cfg.Rand); err != nil {
		return nil, err
	}
	s.sessions = sessions.New(kernel, sessions.Config{ExpiresIn: cfg.SessionExpiresIn, UpdateAge: cfg.SessionUpdateAge,
		MaxLifetime: cfg.SessionMaxLifetime, FreshAge: cfg.SessionFreshAge})
	s.kit = &wire.Kit{Cookies: cookies.Config{Secret: cfg.Secret, Secure: base.Scheme == "https", MaxAge: cfg.SessionExpiresIn},
		Origins: checker, TrustedProxies: cfg.TrustedProxies, Sessions: s.sessions}
	if err := s.buildIdentity(); err != nil {
		return nil, err
	}
	if cfg.RateLimit {
		s.limiter = ratelimit.New(ratelimit.DefaultRules(), 0)
	}
	s.features = s.buildFeatures()
	if s.statuses, err = mergeStatuses(s.features); err != nil {
		return nil, err
	}
	if s.metrics, err = s.newMetrics(cfg.Metrics); err != nil {
		return nil, err
	}
	s.echo = s.routes()
	return s, nil
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Index exposes the session index (status and benchmarks).
func (s *Server) Index() *sessionindex.Index { return s.app.Index }

// Run follows the event log into the session index until ctx ends. A
// storage outage (the database restarting) does not stop it: it resumes
// from the last applied position with a bounded backoff; meanwhile
// /readyz reports the follower as failing. Alongside, it follows the log
// into the operator key index (startKeyFollower).
func (s *Server) Run(ctx context.Context) error {
	defer s.startKeyFollower(ctx)()
	backoff := 50 * time.Millisecond
	for {
		err := s.app.Index.Follow(ctx, s.cfg.Store, s.cfg.Codec)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s.followErr.Store(&err)
		s.cfg.Logger.Warn("session index follower interrupted; retrying", "err", err, "backoff", backoff)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 2*time.Second)
		if s.app.Index.Position() != s.lastRetryPos {
			backoff, s.lastRetryPos = 50*time.Millisecond, s.app.Index.Position()
		}
	}
}

// buildIdentity builds the identity, two-factor, passkey and
// email-verification use cases: sign-in asks two-factor for a second step
// and, when required, a proven address; two-factor checks passwords as
// identity does and mails its one-time codes through the password-reset
// mailer unless it has its own; proving an address removes the passkeys.
func (s *Server) buildIdentity() error {
	tf := s.cfg.TwoFactor
	if tf.Mailer == nil {
		tf.Mailer = s.cfg.Reset.Mailer
	}
	s.mfa = mfa.New(s.app, s.sessions, identity.NewPasswords(s.app, s.cfg.PasswordPolicy), tf)
	s.mailer = mailer.New(s.app, mailer.Config{Reset: s.cfg.Reset.Mailer, Verify: s.cfg.Verification.Mailer,
		Delete: s.cfg.Deletion.Mailer, OTP: tf.Mailer, Invite: s.cfg.Reset.Mailer, BaseURL: s.cfg.BaseURL,
		ResetSubject: s.cfg.Reset.Subject, VerifySubject: s.cfg.Verification.Subject, OTPSubject: tf.OTPSubject,
		Welcome: s.cfg.Welcome})
	s.passkeys = passkeys.New(s.app, s.sessions, s.cfg.Passkey.Resolve(s.cfg.BaseURL, s.cfg.TrustedOrigins))
	vcfg := s.cfg.Verification
	vcfg.BaseURL, vcfg.Passkeys = s.cfg.BaseURL, s.passkeys
	if vcfg.DefaultRedirect == "" {
		vcfg.DefaultRedirect = "/ui/verify-email" // the hosted page (api/web)
	}
	s.verify = verification.New(s.app, s.sessions, vcfg)
	var err error
	s.identity, err = identity.New(s.app, s.sessions, s.mfa, identity.Config{PasswordPolicy: s.cfg.PasswordPolicy,
		Lockout: s.cfg.Lockout, Backoff: s.cfg.SignInBackoff, Fields: s.cfg.Fields, Verification: s.verify, Hooks: s.beforeHooks()})
	return err
}

// Mailer is the outbox mailer of the server's flows (api/mailer): the
// caller runs its Subscriber on one node at a time. Mail leaves after the
// commands commit; the server itself never sends a link or code.
func (s *Server) Mailer() *mailer.Mailer { return s.mailer }

// Drain waits until the requests accepted in the background (password
// reset and session-less verification: lookup and append; their mail
// follows from the log) are done, or ctx ends: call it after the
// HTTP server stopped taking requests and before the followers and the
// stores stop, so no accepted request is lost in a graceful shutdown.
func (s *Server) Drain(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		if s.recovery != nil {
			s.recovery.Wait()
		}
		if s.verify != nil {
			s.verify.Wait()
		}
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
