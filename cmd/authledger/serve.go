package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/authledger/authledger/api/deletion"
	api "github.com/authledger/authledger/api/httpapi"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/api/webhooks"
	"github.com/authledger/authledger/domain/password"
	"golang.org/x/sync/errgroup"
)

// serve runs the HTTP server until ctx ends, then shuts down gracefully:
// in-flight requests finish, the log followers stop, the stores close.
// Every setting is checked before anything is opened.
func serve(ctx context.Context, in *invocation) error {
	if err := in.noOperands(); err != nil {
		return err
	}
	getenv, stderr := in.getenv, in.stderr
	s, err := parseServeSettings(in.cfg)
	if err != nil {
		return err
	}
	if err := s.readSecrets(getenv); err != nil {
		return err
	}
	if err := s.readHookSecret(getenv); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	s.listeningOn(ln.Addr())
	mln, err := listenManagement(s.ManagementAddr) // management.go
	if err != nil {
		return err
	}
	if mln != nil {
		defer mln.Close()
	}
	a, err := openApp(ctx, s.storeSettings, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	defer heapHeadroom(s.HeapHeadroom, getenv)()            // gcheadroom.go
	if ln, err = s.servingTLS(ctx, ln, a.log); err != nil { // tls.go
		return err
	}
	s.Tracing.FromEnv = otelEnvSet(getenv)
	stopTracing, err := startTracing(ctx, s.Tracing, a.log) // tracing.go
	if err != nil {
		return err
	}
	defer stopTracing()
	key, err := auditKey(s.storeSettings, stderr)
	if err != nil {
		return err
	}
	chainedStore, hasChain := withChain(a, key) // audit_chain.go
	// the retired checkpoint keys (audit_rotate.go)
	if chainedStore.retired, err = retiredKeys(s.storeSettings); err != nil {
		return err
	}
	if !hasChain {
		a.log.Warn("this event store keeps no audit hash chain yet: /v1/audit/verify answers 501")
	}
	apiCfg := apiConfig(s, a)
	if apiCfg.Hooks, err = s.BeforeHook.hooksConfig(); err != nil {
		return err
	}
	apiCfg.Compliance = complianceDeps(s.storeSettings, chainedStore, hasChain) // usecases.go
	apiCfg.Welcome = s.Reactions.welcome(s.Mailer)                              // reactions.go
	mailMetrics, hookMetrics := &outbox.Metrics{Name: mailer.Name}, &webhooks.Metrics{}
	apiCfg.Metrics = metricsSources{apiCfg.Metrics, mailMetrics, hookMetrics}
	srv, err := api.New(apiCfg)
	if err != nil {
		return err
	}
	mails, err := mailRunner(ctx, a, srv, mailMetrics)
	if err != nil {
		return err
	}
	reacts, err := reactionRunner(ctx, a, s) // reactions.go
	if err != nil {
		return err
	}
	mails = alongside(mails, reacts)
	defer serveManagement(ctx, a, srv, mln, stderr)() // management.go
	go collectWhenCaughtUp(ctx, a.store, srv.Index()) // startgc.go
	url := s.scheme() + "://" + ln.Addr().String()
	notices(stderr).Info("authledger listening", "addr", ln.Addr().String(), "url", url, "base_url", s.BaseURL, "version", version)
	return runServer(ctx, a, srv, ln, chainer(a, chainedStore, hasChain, key, s.TSA), mails,
		webhookRunner(a, srv, s.Webhooks, s.Mailer, hookMetrics))
}

// mailRunner is the outbox mailer (api/mailer) following the log from its
// checkpoint in the read store, run by one node at a time; nil when no
// mail is configured. Its checkpoint is set before the server takes
// commands, so no mail of the first requests is skipped.
func mailRunner(ctx context.Context, a *app, srv *api.Server, metrics *outbox.Metrics) (func(context.Context) error, error) {
	if !srv.Mailer().Enabled() {
		return nil, nil
	}
	sub := srv.Mailer().Subscriber(outbox.ReadStore(a.read))
	sub.Metrics = metrics
	if err := sub.Init(ctx); err != nil {
		return nil, err
	}
	return func(ctx context.Context) error {
		return asLeader(ctx, elector(a.read, electMail), a.log, sub.Run)
	}, nil
}

// chainer is the audit chain follower of a store that keeps a chain, run
// by one node at a time; nil when there is no chain to extend.
// With a TSA configured, the leader also time-stamps the checkpoints
// (audit_anchor.go).
func chainer(a *app, c chained, hasChain bool, key ed25519.PrivateKey, tsa tsaSettings) func(context.Context) error {
	if !hasChain {
		return nil
	}
	follow := func(ctx context.Context) error { return runChainer(ctx, a, c, key) }
	return func(ctx context.Context) error {
		return asLeader(ctx, elector(a.read, electChain), a.log, withAnchoring(follow, a, tsa))
	}
}

// runServer serves on ln and runs the API's and the projections' followers
// (and the chain follower and the mailer, when given) until ctx ends or one
// fails, then shuts down gracefully: the HTTP server stops taking requests
// and finishes the ones in flight, the work they handed to the background
// drains (its appends still need the followers), the projections catch up
// with the log (commands do not wait for them; see settleProjections), and
// only then do the followers stop; the mailer stops after its current send
// (what it has not sent is sent after the restart, from its checkpoint).
func runServer(ctx context.Context, a *app, srv *api.Server, ln net.Listener, chain, mails, hooks func(context.Context) error) error {
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10}
	g, gctx := errgroup.WithContext(ctx)
	fctx, stopFollowers := context.WithCancel(context.Background())
	defer stopFollowers()
	g.Go(func() error { return ignoreCanceled(srv.Run(fctx)) })
	g.Go(func() error { return ignoreCanceled(a.runner.Run(fctx)) })
	if chain != nil {
		g.Go(func() error { return ignoreCanceled(chain(fctx)) })
	}
	if mails != nil {
		g.Go(func() error { return ignoreCanceled(mails(fctx)) })
	}
	if hooks != nil {
		g.Go(func() error { return ignoreCanceled(hooks(fctx)) })
	}
	g.Go(func() error {
		if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	g.Go(func() error {
		<-gctx.Done()
		defer stopFollowers()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := hs.Shutdown(shutdownCtx)
		if derr := srv.Drain(shutdownCtx); derr != nil {
			a.log.Warn("background requests still pending at shutdown", "err", derr)
		}
		if perr := settleProjections(shutdownCtx, a); perr != nil {
			a.log.Warn("projections behind the log at shutdown: they catch up at the next start", "err", perr)
		}
		return err
	})
	return g.Wait()
}

// settleProjectionsWait bounds settleProjections: a standby node (another
// node projects) only learns of the leader's progress by polling.
const settleProjectionsWait = 5 * time.Second

// settleProjections waits until the projections reach the log's head, so a
// stopped server leaves a read store with every command it acknowledged
// (they do not wait for the projections).
func settleProjections(ctx context.Context, a *app) error {
	ctx, cancel := context.WithTimeout(ctx, settleProjectionsWait)
	defer cancel()
	head, err := a.store.Head(ctx)
	if err != nil {
		return err
	}
	return a.runner.WaitFor(ctx, head)
}

func ignoreCanceled(err error) error {
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// apiConfig wires the typed serve settings and the opened app into the
// API's configuration.
func apiConfig(s serveSettings, a *app) api.Config {
	return api.Config{Store: a.store, Codec: a.codec, Keys: a.keys, Read: a.read, Projections: a.runner,
		Secret: a.secret, BaseURL: s.BaseURL, TrustedOrigins: s.TrustedOrigins, TrustedProxies: s.TrustedProxies,
		AdminKey: s.AdminKey, RateLimit: s.RateLimit, Hasher: password.NewHasher(s.Argon2, s.MaxHashes),
		PasswordPolicy: s.Policy, SignInBackoff: s.SignInBackoff, Fields: s.Fields, Passkey: s.Passkey, Web: s.Web,
		Reset: recovery.Config{Mailer: s.Mailer}, Verification: withMailer(s.Verification, s.Mailer),
		Deletion:      deletion.Config{Enabled: s.Deletion.Enabled, ByEmail: s.Deletion.ByEmail, Mailer: s.Mailer},
		Organizations: orgs.Config{RequireEmailVerificationOnInvitation: s.InvitationsNeedVerifiedEmail, Snapshots: snapshotStore(a.store)},
		Social:        social.Config{Providers: s.socialProviders()},
		Webhooks:      api.WebhooksConfig{AllowPrivate: s.Webhooks.AllowPrivate},
		Logger:        a.log, Metrics: appMetrics(a)}
}

// withMailer gives verification the --smtp-url mailer (none: off).
func withMailer(v verification.Config, m mail.Sender) verification.Config {
	v.Mailer = m
	return v
}
