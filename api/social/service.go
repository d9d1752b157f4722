// Package social is sign-in through an external provider (a generic
// OpenID Connect one, or a preset: Google, Microsoft Entra ID, Apple,
// GitHub, GitLab, Discord): Start sends the browser to the provider with a
// single-use state, a PKCE S256 challenge and a nonce; Callback takes the
// code back, exchanges it, verifies who it is for (the ID token, or the
// provider's user endpoints) and signs the person in, signing them up or
// linking the account when the rules allow. Transport-free: the HTTP layer
// binds the state to the browser with a signed cookie and redirects.
package social

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/api/proof"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
)

// Provider is one configured provider: a generic OpenID Connect one, or
// a preset (Google, Microsoft, Apple, GitHub, GitLab, Discord).
type Provider struct {
	// ID names the provider on the wire (sign-in/social's provider,
	// /callback/<id>).
	ID string
	// Issuer is the provider's issuer URL (discovery at
	// <issuer>/.well-known/openid-configuration).
	Issuer       string
	ClientID     string
	ClientSecret string
	// Scopes asked for; "openid" is always included.
	Scopes []string
	// Trusted lets a sign-in link this provider's account to an existing
	// person with the same email, when the ID token says the email is
	// verified. Untrusted providers never link implicitly.
	Trusted bool
	// Preset is the provider's kind: "" or PresetOIDC for a generic OpenID
	// Connect provider found by discovery at Issuer, else one of Presets,
	// whose endpoints are built in (Issuer is then only a self-hosted
	// GitLab's base URL). CheckPreset says what each needs.
	Preset string
	// Tenant is Microsoft Entra ID's: common (default), organizations,
	// consumers or a tenant id.
	Tenant string
	// TeamID, KeyID and PrivateKey (PEM, ES256) sign Apple's client
	// secret; ClientID is then the Services ID.
	TeamID, KeyID, PrivateKey string
	// Offline asks Google for a refresh token (access_type=offline,
	// prompt=consent).
	Offline bool
}

// Config is the social sign-in settings.
type Config struct {
	// BaseURL is the server's public URL; the provider sends the browser
	// back to <BaseURL>/api/auth/callback/<id>.
	BaseURL   string
	Providers []Provider
	// StateTTL bounds how long a started sign-in may complete (10 minutes).
	StateTTL time.Duration
	// Timeout bounds each exchange with a provider (10 seconds).
	Timeout time.Duration
	// Passkeys, when set, removes every passkey when a trusted provider
	// proves an address that was never verified (see proven).
	Passkeys proof.Passkeys
	// Hooks asks the operator's before-hook about social sign-ups and
	// sign-ins (nil: no hook).
	Hooks *hooks.Guard
}

// CodeProviderNotFound answers a sign-in naming no configured provider.
const CodeProviderNotFound domain.Code = "PROVIDER_NOT_FOUND"

// ErrProviderNotFound is Better Auth's answer for an unknown provider.
var ErrProviderNotFound = domain.Errorf(CodeProviderNotFound, "Provider not found")

// Service runs the social sign-in use cases.
type Service struct {
	app      *app.App
	sessions *sessions.Service
	cfg      Config
	flowKey  []byte

	proof *proof.Remover

	mu        sync.Mutex
	upstreams map[string]upstream
	// via, set by tests only, puts the HTTP client of every call to a
	// preset provider (by id) in its context (oauth2.HTTPClient); without
	// one the default client is used.
	via map[string]func(context.Context) context.Context
}

// New returns the social sign-in use cases over a.
func New(a *app.App, sess *sessions.Service, cfg Config) *Service {
	if cfg.StateTTL == 0 {
		cfg.StateTTL = 10 * time.Minute
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 10 * time.Second
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	return &Service{app: a, sessions: sess, cfg: cfg, flowKey: app.Derive(a.Secret, "authledger social flow v1"),
		proof: proof.New(a, sess, cfg.Passkeys), upstreams: map[string]upstream{}}
}

// Enabled reports whether any provider is configured.
func (s *Service) Enabled() bool { return len(s.cfg.Providers) > 0 }

func (s *Service) provider(id string) (Provider, bool) {
	for _, p := range s.cfg.Providers {
		if p.ID == id {
			return p, true
		}
	}
	return Provider{}, false
}

// upstream returns p's upstream, built once and kept (a failure, such as
// an unreachable discovery document, is retried on the next request).
func (s *Service) upstream(ctx context.Context, p Provider) (upstream, error) {
	s.mu.Lock()
	up, ok := s.upstreams[p.ID]
	s.mu.Unlock()
	if ok {
		return up, nil
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	up, err := s.build(ctx, p)
	if err != nil {
		s.app.Logger.Warn("social provider unavailable", "provider", p.ID, "err", err)
		return nil, domain.Errorf(domain.CodeUnavailable, "the provider is unavailable")
	}
	s.mu.Lock()
	s.upstreams[p.ID] = up
	s.mu.Unlock()
	return up, nil
}

// build makes p's upstream.
func (s *Service) build(ctx context.Context, p Provider) (upstream, error) {
	if p.Preset != "" && p.Preset != PresetOIDC {
		return newPresetUpstream(p, presetEnv{redirectURL: s.redirectURL(p), via: s.via[p.ID], now: s.app.Now})
	}
	return newOIDCUpstream(ctx, p, s.redirectURL(p))
}

// redirectURL is where p sends the browser back.
func (s *Service) redirectURL(p Provider) string { return s.cfg.BaseURL + "/api/auth/callback/" + p.ID }
