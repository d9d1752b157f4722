package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	api "github.com/authledger/authledger/api/httpapi"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/domain/password"
	"golang.org/x/sync/errgroup"
)

// serve runs the HTTP server until ctx ends, then shuts down gracefully:
// in-flight requests finish, the log followers stop, the stores close.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("serve", args, getenv, stderr)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg["addr"])
	if err != nil {
		return err
	}
	defer ln.Close()
	if cfg["base-url"] == "" {
		cfg["base-url"] = "http://" + ln.Addr().String()
	}
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	apiCfg, err := apiConfig(cfg, a)
	if err != nil {
		return err
	}
	key, err := auditKey(cfg, stderr)
	if err != nil {
		return err
	}
	chainedStore, hasChain := withChain(a, key) // audit_chain.go
	if !hasChain {
		a.log.Warn("this event store keeps no audit hash chain yet: /v1/audit/verify answers 501")
	}
	apiCfg.Compliance = complianceDeps(cfg, chainedStore, hasChain) // usecases.go
	srv, err := api.New(apiCfg)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return ignoreCanceled(srv.Run(gctx)) })
	g.Go(func() error { return ignoreCanceled(a.runner.Run(gctx)) })
	if hasChain {
		g.Go(func() error {
			return ignoreCanceled(asLeader(gctx, chainElector(a.read), a.log, func(ctx context.Context) error {
				return runChainer(ctx, a, chainedStore, key)
			}))
		})
	}
	g.Go(func() error {
		if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	g.Go(func() error {
		<-gctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return hs.Shutdown(shutdownCtx)
	})
	a.log.Info("authledger listening", "addr", ln.Addr().String(), "base_url", cfg["base-url"], "version", version)
	fmt.Fprintf(stdout, "authledger listening on http://%s\n", ln.Addr())
	return g.Wait()
}

func ignoreCanceled(err error) error {
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// apiConfig turns settings into the API's configuration.
func apiConfig(cfg config, a *app) (api.Config, error) {
	proxies, err := parsePrefixes(cfg.list("trusted-proxies"))
	if err != nil {
		return api.Config{}, err
	}
	params, maxHashes, err := hashParams(cfg)
	if err != nil {
		return api.Config{}, err
	}
	policy := password.DefaultPolicy()
	if policy.MinLength, err = atoi(cfg, "password-min"); err != nil {
		return api.Config{}, err
	}
	if policy.MaxLength, err = atoi(cfg, "password-max"); err != nil {
		return api.Config{}, err
	}
	fields, err := parseFields(cfg["user-fields"])
	if err != nil {
		return api.Config{}, err
	}
	rl := strings.ToLower(cfg["rate-limit"])
	if rl != "on" && rl != "off" {
		return api.Config{}, fmt.Errorf("%w: --rate-limit must be on or off", errUsage)
	}
	web := api.WebConfig{BrandName: cfg["brand-name"], PrimaryColor: cfg["brand-color"],
		BackgroundColor: cfg["brand-background"], RedirectAfterSignIn: cfg["redirect-after-sign-in"]}
	if err := web.Validate(); err != nil {
		return api.Config{}, fmt.Errorf("%w: %v", errUsage, err)
	}
	reset, err := resetConfig(cfg["smtp-url"])
	if err != nil {
		return api.Config{}, err
	}
	return api.Config{Store: a.store, Codec: a.codec, Keys: a.keys, Read: a.read, Projections: a.runner, Reset: reset,
		Secret: a.secret, BaseURL: cfg["base-url"], TrustedOrigins: cfg.list("trusted-origins"),
		TrustedProxies: proxies, AdminKey: cfg["admin-key"], RateLimit: rl == "on",
		Passkey: passkeys.Config{RPID: cfg["rp-id"], RPName: cfg["rp-name"], Origins: cfg.list("rp-origins")}, Web: web,
		Hasher: password.NewHasher(params, maxHashes), PasswordPolicy: policy, Fields: fields, Logger: a.log, Metrics: appMetrics(a)}, nil
}

// resetConfig builds the reset mailer from --smtp-url; empty means none.
func resetConfig(smtpURL string) (recovery.Config, error) {
	if smtpURL == "" {
		return recovery.Config{}, nil
	}
	m, err := mail.ParseURL(smtpURL)
	if err != nil {
		return recovery.Config{}, fmt.Errorf("%w: --smtp-url: %v", errUsage, err)
	}
	return recovery.Config{Mailer: m}, nil
}

func hashParams(cfg config) (password.Params, int, error) {
	p := password.DefaultParams()
	m, err1 := atoi(cfg, "argon2-memory")
	t, err2 := atoi(cfg, "argon2-time")
	par, err3 := atoi(cfg, "argon2-parallelism")
	n, err4 := atoi(cfg, "max-hashes")
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return p, 0, err
	}
	p.Memory, p.Time, p.Threads = uint32(m), uint32(t), uint8(par)
	if err := p.Validate(); err != nil || par > 255 {
		return p, 0, fmt.Errorf("%w: Argon2id parameters: %v", errUsage, err)
	}
	if n <= 0 {
		n = 2 * numCPU()
	}
	return p, n, nil
}

func atoi(cfg config, name string) (int, error) {
	n, err := strconv.Atoi(cfg[name])
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: --%s must be a non-negative integer", errUsage, name)
	}
	return n, nil
}

func parsePrefixes(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		if !strings.Contains(s, "/") {
			addr, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("%w: trusted proxy %q", errUsage, s)
			}
			out = append(out, netip.PrefixFrom(addr, addr.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("%w: trusted proxy %q", errUsage, s)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
