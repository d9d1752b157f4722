package main

import (
	"fmt"
	"net"
	"net/netip"
	"strings"

	"github.com/authledger/authledger/api/deletion"
	api "github.com/authledger/authledger/api/httpapi"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/origin"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/signin"
)

// serveSettings is the typed configuration of "authledger serve": the
// store settings plus everything the HTTP API needs. parseServeSettings
// builds it, validated, before anything is opened.
type serveSettings struct {
	storeSettings

	// Addr is the listen address (host:port; port 0 picks a free one).
	Addr string
	// ManagementAddr is the management listener's address (host:port;
	// "" = none): /metrics, /healthz and /readyz without a key.
	ManagementAddr string
	// BaseURL is the public base URL; "" until serve listens, when
	// listeningOn sets the default http://<listen address>.
	BaseURL string
	// TrustedOrigins are extra origins (or *. patterns) trusted with cookies.
	TrustedOrigins []string
	// TrustedProxies may set X-Forwarded-For.
	TrustedProxies []netip.Prefix
	// TLSCert and TLSKey are the PEM certificate chain and private key
	// files served over HTTPS (tls.go); both "" serves plain HTTP.
	TLSCert, TLSKey string
	// AdminKey is the bootstrap operator key (every scope); "" leaves
	// only the operator keys made with authledger keys.
	AdminKey string
	// RateLimit turns on Better Auth's default limits.
	RateLimit bool
	// Argon2 is the password hashing cost; MaxHashes bounds concurrent
	// hashes (--max-hashes 0 resolved to 2 × CPUs).
	Argon2    password.Params
	MaxHashes int
	// HeapHeadroom is the collector's floor of heap growth in bytes
	// (gcheadroom.go; 0 = the runtime's default).
	HeapHeadroom uint64
	// Policy is what a new password must meet.
	Policy password.Policy
	// SignInBackoff throttles password sign-in per submitted address.
	SignInBackoff signin.Backoff
	// Fields are the additional user fields (--user-fields).
	Fields domain.FieldSchema
	// Passkey is the WebAuthn relying party as configured; the API fills
	// its defaults from BaseURL.
	Passkey passkeys.Config
	// Web brands the hosted pages.
	Web api.WebConfig
	// Mailer delivers password-reset and verification links and two-factor
	// sign-in codes; nil without --smtp-url.
	Mailer mail.Sender
	// Verification is the email-verification options (the Mailer comes
	// from above).
	Verification verification.Config
	// Deletion is the delete-account options (the Mailer comes from above).
	Deletion deletion.Config
	// InvitationsNeedVerifiedEmail makes answering an organization
	// invitation need a verified email.
	InvitationsNeedVerifiedEmail bool
	// OIDC are the OpenID Connect providers of social sign-in
	// (--oidc-providers); their client secrets are read by readSecrets.
	OIDC []oidcProvider
	// BeforeHook is the operator's before-hook (off without a URL); its
	// signing secret is read by readHookSecret.
	BeforeHook beforeHookSettings
	// Reactions are the built-in reactions (settings_reactions.go).
	Reactions reactionSettings

	// Webhooks are the webhook endpoints' settings (after-hooks).
	Webhooks webhookSettings
	// Tracing is where OpenTelemetry spans go (tracing.go); off by default.
	Tracing tracingSettings
}

// parseServeSettings reads and checks every serve setting of cfg. Every
// bad setting is reported together, each as a usage error naming its
// flag; no secret value is ever part of the message.
func parseServeSettings(cfg config) (serveSettings, error) {
	p := &settingsParser{cfg: cfg}
	s := serveSettings{storeSettings: p.storeSettings()}
	p.failed(s.requireSharedSecret())
	p.network(&s)
	s.Argon2, s.MaxHashes = p.hashing()
	s.HeapHeadroom = uint64(p.int("heap-headroom", 0, 1<<20)) << 20
	s.Policy = p.passwordPolicy()
	s.SignInBackoff = p.signInBackoff()
	s.Fields = p.userFields()
	s.Passkey = passkeys.Config{RPID: p.str("rp-id"), RPName: p.str("rp-name"), Origins: p.list("rp-origins")}
	s.Web = p.web()
	s.Mailer = p.mailer()
	s.Verification = p.verification()
	if d := p.choice("delete-user", "off", "on", "email"); d > 0 {
		s.Deletion = deletion.Config{Enabled: true, ByEmail: d == 2}
	}
	switch p.choice("invitations-need-verified-email", "auto", "on", "off") {
	case 0:
		s.InvitationsNeedVerifiedEmail = s.Mailer != nil
	case 1:
		s.InvitationsNeedVerifiedEmail = true
	}
	if s.Deletion.ByEmail && s.Mailer == nil {
		p.fail("delete-user", "email needs --smtp-url")
	}
	if s.Webhooks.NotifyEmail != "" && s.Mailer == nil {
		p.fail("webhooks-notify-email", "needs --smtp-url")
	}
	s.OIDC = p.oidcProviders()
	s.BeforeHook = p.beforeHook()
	s.Reactions = p.reactions(s.Mailer != nil)
	s.Webhooks = p.webhooks()
	s.Tracing = p.tracing() // tracing.go
	if err := p.err(); err != nil {
		return serveSettings{}, err
	}
	return s, nil
}

// listeningOn fills the --base-url default, http://<listen address>
// (https:// with --tls-cert): with
// --addr port 0 it is known only once the listener is open.
func (s *serveSettings) listeningOn(addr net.Addr) {
	if s.BaseURL == "" {
		scheme := "http://"
		if s.TLSCert != "" {
			scheme = "https://"
		}
		s.BaseURL = scheme + addr.String()
	}
}

// network parses where serve listens and whom it trusts.
func (p *settingsParser) network(s *serveSettings) {
	s.Addr, s.BaseURL, s.AdminKey = p.str("addr"), p.str("base-url"), p.str("admin-key")
	if _, _, err := net.SplitHostPort(s.Addr); err != nil {
		p.fail("addr", "must be host:port (got %q)", s.Addr)
	}
	if s.ManagementAddr = p.str("management-addr"); s.ManagementAddr != "" {
		if _, _, err := net.SplitHostPort(s.ManagementAddr); err != nil {
			p.fail("management-addr", "must be host:port (got %q)", s.ManagementAddr)
		}
	}
	if _, err := origin.New(s.BaseURL); s.BaseURL != "" && err != nil {
		p.fail("base-url", "must be an absolute http(s) URL without credentials (got %q)", redactURL(s.BaseURL))
	}
	s.TrustedOrigins = p.list("trusted-origins")
	for _, o := range s.TrustedOrigins {
		if _, err := origin.New("http://localhost", o); err != nil {
			p.fail("trusted-origins", "entry %q is not an http(s) origin or a *. pattern", redactURL(o))
		}
	}
	var err error
	s.TrustedProxies, err = parsePrefixes(p.list("trusted-proxies"))
	p.failed(err)
	s.RateLimit = p.choice("rate-limit", "on", "off") == 0
	p.tls(s)
}

// tls checks --tls-cert and --tls-key: both or neither, and a pair that
// loads (so a bad one is refused before anything is opened).
func (p *settingsParser) tls(s *serveSettings) {
	s.TLSCert, s.TLSKey = p.str("tls-cert"), p.str("tls-key")
	switch {
	case s.TLSCert == "" && s.TLSKey == "":
		return
	case s.TLSCert == "":
		p.fail("tls-cert", "is needed with --tls-key")
	case s.TLSKey == "":
		p.fail("tls-key", "is needed with --tls-cert")
	default:
		if _, err := loadPair(s.TLSCert, s.TLSKey); err != nil {
			p.fail("tls-cert", "%v", err)
		}
	}
}

// parsePrefixes reads --trusted-proxies entries: IP addresses (one host)
// or CIDRs.
func parsePrefixes(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		if !strings.Contains(s, "/") {
			addr, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("%w: --trusted-proxies %q is not an IP address or CIDR", errUsage, s)
			}
			out = append(out, netip.PrefixFrom(addr, addr.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("%w: --trusted-proxies %q is not an IP address or CIDR", errUsage, s)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// web parses the hosted pages' brand, checking each flag on its own so
// every bad one is named.
func (p *settingsParser) web() api.WebConfig {
	w := api.WebConfig{BrandName: p.str("brand-name"), PrimaryColor: p.str("brand-color"),
		BackgroundColor: p.str("brand-background"), RedirectAfterSignIn: p.str("redirect-after-sign-in")}
	for _, c := range []struct {
		flag string
		one  api.WebConfig
	}{
		{"brand-name", api.WebConfig{BrandName: w.BrandName}},
		{"brand-color", api.WebConfig{PrimaryColor: w.PrimaryColor}},
		{"brand-background", api.WebConfig{BackgroundColor: w.BackgroundColor}},
		{"redirect-after-sign-in", api.WebConfig{RedirectAfterSignIn: w.RedirectAfterSignIn}},
	} {
		if err := c.one.Validate(); err != nil {
			p.fail(c.flag, "%s", strings.TrimPrefix(err.Error(), "web: "))
		}
	}
	return w
}

// verification parses the email-verification switches; sending on
// sign-up follows the requirement unless set (Better Auth's default).
func (p *settingsParser) verification() verification.Config {
	v := verification.Config{Required: p.choice("require-email-verification", "off", "on") == 1,
		AutoSignIn:  p.choice("auto-sign-in-after-verification", "off", "on") == 1,
		ChangeEmail: p.choice("change-email", "off", "on") == 1}
	switch p.choice("send-verification-on-sign-up", "auto", "on", "off") {
	case 0:
		v.SendOnSignUp = v.Required
	case 1:
		v.SendOnSignUp = true
	}
	return v
}

// mailer parses --smtp-url.
func (p *settingsParser) mailer() mail.Sender {
	m, err := parseMailer(p.str("smtp-url"))
	p.failed(err)
	return m
}

// parseMailer builds the password-reset mailer from --smtp-url; "" means
// none (nil). The URL may hold a password: it is never echoed.
func parseMailer(smtpURL string) (mail.Sender, error) {
	if smtpURL == "" {
		return nil, nil
	}
	m, err := mail.ParseURL(smtpURL)
	if err != nil {
		return nil, fmt.Errorf("%w: --smtp-url: %v", errUsage, err)
	}
	return m, nil
}
