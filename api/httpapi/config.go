package httpapi

import (
	"context"
	"io"
	"log/slog"
	"net/netip"
	"net/url"
	"runtime"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/authledger/authledger/api/mailer"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/signin"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// Projections is what the API needs of the projection runner: waiting for
// read-your-writes. Defined here, where it is consumed.
type Projections interface {
	WaitFor(ctx context.Context, pos eventstore.Position) error
}

// Config wires a Server. Store, Codec, Keys, Read and Secret are required;
// zero values elsewhere take the documented defaults.
type Config struct {
	Store       eventstore.Store
	Codec       *eventstore.Codec
	Keys        *eventstore.Keyring
	Read        ontology.Reader
	Projections Projections // nil: reads through the projections do not wait for them

	// Secret signs cookies and keys the claim HMAC (≥ 32 bytes).
	Secret []byte
	// BaseURL is the public URL ("http://127.0.0.1:8080"); its origin is trusted.
	BaseURL string
	// TrustedOrigins adds origins allowed to call with cookies.
	TrustedOrigins []string
	// TrustedProxies may set X-Forwarded-For.
	TrustedProxies []netip.Prefix
	// AdminKey is the bootstrap operator key of /v1/* and /metrics, with
	// every scope; empty: only operator keys (none: those routes are 404).
	AdminKey string
	// RateLimit enables Better Auth's default limiter (on unless disabled).
	RateLimit bool

	Hasher         *password.Hasher
	PasswordPolicy password.Policy
	Fields         domain.FieldSchema // additional user fields (role is always added)
	Lockout        account.Lockout    // verify-password's lock
	// SignInBackoff throttles password sign-in per submitted address
	// (default signin.DefaultBackoff).
	SignInBackoff signin.Backoff

	SessionExpiresIn time.Duration // default 7 days
	SessionUpdateAge time.Duration // default 1 day
	// SessionMaxLifetime ends every session this long after sign-in,
	// however active (absolute timeout); default 30 days.
	SessionMaxLifetime time.Duration
	// SessionFreshAge is how recent a sign-in must be for sensitive actions
	// (disabling two-factor, deleting a passkey); default 1 day.
	SessionFreshAge time.Duration
	BodyLimit       int64         // default 1 MiB
	WaitTimeout     time.Duration // read-your-writes wait bound, default 5 s

	// Metrics adds collectors to /metrics (optional).
	Metrics prometheus.Collector

	Organizations orgs.Config // organization plugin settings (api/orgs)
	// TwoFactor is the two-factor plugin's settings (api/mfa). Its Mailer
	// (emailed sign-in codes, send-otp) defaults to Reset.Mailer; with
	// neither, the otp method is not offered.
	TwoFactor mfa.Config
	Passkey   passkeys.Config // passkey plugin relying party (api/passkeys)
	Web       WebConfig       // hosted pages: brand, colours, redirect (web_config.go)
	// Reset is password reset by email (api/recovery); BaseURL and
	// Policy come from above. Its Mailer also mails two-factor codes and
	// organization invitations. Every flow's Mailer is used by the outbox
	// mailer (Server.Mailer), never by a request.
	Reset recovery.Config
	// Verification is email verification (api/verification); BaseURL
	// comes from above. Without a Mailer it is off.
	Verification verification.Config
	// Deletion is account deletion (api/deletion); BaseURL comes from
	// above. Off unless Enabled.
	Deletion deletion.Config
	// Welcome is the outbox mailer's welcome mail of a sign-up (off
	// without a Sender).
	Welcome mailer.Welcome
	// Social is sign-in through OpenID Connect providers (api/social);
	// BaseURL comes from above. Without providers every sign-in is refused
	// as naming an unknown provider (404).
	Social social.Config
	// Hooks is the operator's before-hook asked about sign-ups, sign-ins
	// and new organizations (api/hooks); no Before: off.
	Hooks hooks.Config
	// Webhooks is the webhook endpoints' settings (after-hooks).
	Webhooks WebhooksConfig
	// Compliance wires the chain verifier, checkpoint store and read-store
	// scrubber (nil fields: not available).
	Compliance compliance.Deps

	Logger *slog.Logger
	Now    func() time.Time // injectable clock, default time.Now
	Rand   io.Reader        // token/ID randomness, default crypto/rand
}

func (c *Config) defaults() {
	if c.SessionExpiresIn == 0 {
		c.SessionExpiresIn = 7 * 24 * time.Hour
	}
	if c.SessionUpdateAge == 0 {
		c.SessionUpdateAge = 24 * time.Hour
	}
	if c.SessionMaxLifetime == 0 {
		c.SessionMaxLifetime = 30 * 24 * time.Hour
	}
	if c.BodyLimit == 0 {
		c.BodyLimit = 1 << 20
	}
	if c.WaitTimeout == 0 {
		c.WaitTimeout = 5 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.Hasher == nil {
		c.Hasher = password.NewHasher(password.DefaultParams(), 2*runtime.NumCPU())
	}
	if c.PasswordPolicy.MaxLength == 0 && c.PasswordPolicy.MinLength == 0 {
		c.PasswordPolicy = password.DefaultPolicy()
	}
	if c.Lockout.Threshold == 0 {
		c.Lockout = account.DefaultLockout()
	}
	c.TwoFactor = c.TwoFactor.Defaults()
}

// validate checks what New needs and returns the parsed base URL.
func (c *Config) validate() (*url.URL, error) {
	if c.Store == nil || c.Codec == nil || c.Keys == nil || c.Read == nil {
		return nil, domain.Errorf(domain.CodeValidation, "api: store, codec, keys and read store are required")
	}
	if len(c.Secret) < 32 {
		return nil, domain.Errorf(domain.CodeValidation, "api: secret must be at least 32 bytes")
	}
	base, err := url.Parse(c.BaseURL)
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, domain.Errorf(domain.CodeValidation, "api: base URL must be absolute, e.g. http://127.0.0.1:8080")
	}
	return base, nil
}
