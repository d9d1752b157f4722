package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// setting is one configuration knob: a flag, its environment variable and
// its default. The table drives parsing, --help and the README.
type setting struct {
	flag, env, def, usage string
}

// settings lists every serve setting.
var settings = []setting{
	{"addr", "AUTHLEDGER_ADDR", "127.0.0.1:8080", "listen address"},
	{"management-addr", "AUTHLEDGER_MANAGEMENT_ADDR", "", "management listen address serving /metrics, /healthz and /readyz without a key (empty = none; keep it off the public network)"},
	{"data-dir", "AUTHLEDGER_DATA_DIR", "./data", "data directory for the embedded SQLite stores and the generated secret"},
	{"database", "AUTHLEDGER_DATABASE_URL", "", "PostgreSQL URL for the event store and the ontology (empty = embedded SQLite in --data-dir)"},
	{"eventstore", "AUTHLEDGER_EVENTSTORE_URL", "", "PostgreSQL URL of the event store only (overrides --database)"},
	{"ontology", "AUTHLEDGER_ONTOLOGY_URL", "", "PostgreSQL URL of the ontology read store only (overrides --database)"},
	{"db-max-conns", "AUTHLEDGER_DB_MAX_CONNS", "16", "PostgreSQL pool size per store"},
	{"db-statement-timeout", "AUTHLEDGER_DB_STATEMENT_TIMEOUT", "5s", "PostgreSQL statement timeout (idle-in-transaction timeout is twice it)"},
	{"base-url", "AUTHLEDGER_BASE_URL", "", "public base URL; its origin is trusted (default http://<addr>)"},
	{"secret", "AUTHLEDGER_SECRET", "", "secret (≥ 32 bytes) for cookies, claims and the key-encryption key (default: generated into --data-dir)"},
	{"kek-secret", "AUTHLEDGER_KEK_SECRET", "", "secret (≥ 32 bytes) the key-encryption key is derived from after authledger secret rotate (default: --data-dir/kek-secret if present, else --secret)"},
	{"trusted-origins", "AUTHLEDGER_TRUSTED_ORIGINS", "", "comma-separated extra trusted origins (also allowed to call /api/auth from a browser with credentials: CORS)"},
	{"rp-id", "AUTHLEDGER_RP_ID", "", "WebAuthn relying party ID for passkeys (default: the base URL's host; localhost when that is an IP address)"},
	{"rp-name", "AUTHLEDGER_RP_NAME", "authledger", "WebAuthn relying party name shown by authenticators"},
	{"rp-origins", "AUTHLEDGER_RP_ORIGINS", "", "comma-separated origins whose passkey answers are accepted (default: the base URL's origin and --trusted-origins)"},
	{"tls-cert", "AUTHLEDGER_TLS_CERT", "", "PEM certificate chain file served over HTTPS (with --tls-key; reloaded on SIGHUP)"},
	{"tls-key", "AUTHLEDGER_TLS_KEY", "", "PEM private key file of --tls-cert"},
	{"trusted-proxies", "AUTHLEDGER_TRUSTED_PROXIES", "", "comma-separated CIDRs whose X-Forwarded-For is believed"},
	{"admin-key", "AUTHLEDGER_ADMIN_KEY", "", "bootstrap operator key for /v1/* and /metrics, with every scope (empty: only keys made with authledger keys)"},
	{"audit-tsa-url", "AUTHLEDGER_AUDIT_TSA_URL", "", "RFC 3161 Time-Stamping Authority URL: every audit checkpoint is time-stamped there (empty: no anchoring)"},
	{"audit-tsa-roots", "AUTHLEDGER_AUDIT_TSA_ROOTS", "", "PEM file of the CA certificates the TSA certificate must chain to: audit verify then checks every checkpoint's time-stamp"},
	{"audit-tsa-hash", "AUTHLEDGER_AUDIT_TSA_HASH", "sha256", "imprint hash of the time-stamp requests: sha256, sha384 or sha512"},
	{"audit-key", "AUTHLEDGER_AUDIT_KEY", "", "Ed25519 private key (PEM text or the path of a PEM file) signing the audit chain's checkpoints (default: generated into --data-dir; derived from --secret with PostgreSQL)"},
	{"smtp-url", "AUTHLEDGER_SMTP_URL", "", "SMTP relay for password-reset and email-verification mail and two-factor sign-in codes: smtp://[user:pass@]host[:port]?from=address (empty: reset links are logged as undeliverable, verification is off, emailed codes are not offered)"},
	{"require-email-verification", "AUTHLEDGER_REQUIRE_EMAIL_VERIFICATION", "off", "on: password sign-in needs a verified email (403 EMAIL_NOT_VERIFIED and a fresh link) and sign-up opens no session"},
	{"send-verification-on-sign-up", "AUTHLEDGER_SEND_VERIFICATION_ON_SIGN_UP", "auto", "mail a verification link after sign-up: on, off or auto (= --require-email-verification)"},
	{"change-email", "AUTHLEDGER_CHANGE_EMAIL", "off", "on: serve /change-email (needs --smtp-url): a verified address approves by mail, then the new one proves itself"},
	{"invitations-need-verified-email", "AUTHLEDGER_INVITATIONS_NEED_VERIFIED_EMAIL", "auto", "accepting or rejecting an organization invitation needs the invitee's verified email: on, off or auto (= on when --smtp-url is set)"},
	{"delete-user", "AUTHLEDGER_DELETE_USER", "off", "serve /delete-user: off, on (password or a fresh session) or email (also needs the link mailed through --smtp-url)"},
	{"auto-sign-in-after-verification", "AUTHLEDGER_AUTO_SIGN_IN_AFTER_VERIFICATION", "off", "on: following a verification link opens a session"},
	{"welcome-mail", "AUTHLEDGER_WELCOME_MAIL", "off", "on: mail a welcome after every sign-up (needs --smtp-url)"},
	{"welcome-mail-subject", "AUTHLEDGER_WELCOME_MAIL_SUBJECT", "Welcome", "subject of the welcome mail"},
	{"welcome-mail-text-file", "AUTHLEDGER_WELCOME_MAIL_TEXT_FILE", "", "UTF-8 text file of the welcome mail's body; {name}, {email} and {url} are replaced (empty: a short default)"},
	{"default-organization", "AUTHLEDGER_DEFAULT_ORGANIZATION", "", "slug of an organization every new person joins (empty: off; a missing organization is logged and skipped)"},
	{"default-organization-role", "AUTHLEDGER_DEFAULT_ORGANIZATION_ROLE", "member", "role in the default organization: member, admin or both comma-separated"},
	{"default-organization-on", "AUTHLEDGER_DEFAULT_ORGANIZATION_ON", "sign-up", "when a person joins the default organization: sign-up or email-verified"},
	{"new-device-mail", "AUTHLEDGER_NEW_DEVICE_MAIL", "off", "on: mail a person signing in from a new device (user agent and IP network) (needs --smtp-url)"},
	{"oidc-providers", "AUTHLEDGER_OIDC_PROVIDERS", "", "social sign-in providers: id=…,preset=google|microsoft|apple|github|gitlab|discord|oidc (default oidc),client-id=…,client-secret-env=VAR[,issuer=…][,scopes=…][,trusted=true][,tenant=…][,team-id=…,key-id=…,private-key-env=VAR][,offline=true], several separated by ';' (secrets are read from the named variables)"},
	{"providers-file", "AUTHLEDGER_PROVIDERS_FILE", "", "JSON file of social sign-in providers, {\"providers\": [{\"id\": …, \"preset\": …, \"client-id\": …, \"client-secret-env\": …}, …]} with the keys of --oidc-providers (in addition to them)"},
	{"before-hook-url", "AUTHLEDGER_BEFORE_HOOK_URL", "", "URL of a before-hook asked, by a signed POST, whether a sign-up, sign-in or organization creation may go ahead (empty: off)"},
	{"before-hook-secret-env", "AUTHLEDGER_BEFORE_HOOK_SECRET_ENV", "", "name of the environment variable holding the before-hook's signing secret (whsec_<base64>)"},
	{"before-hook-events", "AUTHLEDGER_BEFORE_HOOK_EVENTS", "sign-up,sign-in,organization.create", "comma-separated hook points the before-hook is asked about"},
	{"before-hook-fail", "AUTHLEDGER_BEFORE_HOOK_FAIL", "open", "when the before-hook times out, fails or answers garbage: open (allow) or closed (refuse with 503 BEFORE_HOOK_UNAVAILABLE)"},
	{"before-hook-timeout", "AUTHLEDGER_BEFORE_HOOK_TIMEOUT", "2s", "bound of one before-hook exchange (at most 30s)"},
	{"hooks-allow-private", "AUTHLEDGER_HOOKS_ALLOW_PRIVATE", "off", "on: hooks may be on loopback or private, link-local or metadata addresses (otherwise refused at connect time)"},
	{"webhooks-allow-private", "AUTHLEDGER_WEBHOOKS_ALLOW_PRIVATE", "false", "true: webhook endpoints may be on loopback, private, link-local or metadata addresses (otherwise refused at creation and at connect time)"},
	{"webhooks-disable-after", "AUTHLEDGER_WEBHOOKS_DISABLE_AFTER", "24h", "a webhook endpoint whose pending event has kept failing this long is disabled (webhook.endpoint_disabled, and an error log line)"},
	{"webhooks-notify-email", "AUTHLEDGER_WEBHOOKS_NOTIFY_EMAIL", "", "operator address mailed (through --smtp-url) when a webhook endpoint is disabled for failing (empty: the event and the log line only)"},
	{"rate-limit", "AUTHLEDGER_RATE_LIMIT", "on", "Better Auth default rate limits: on or off"},
	{"otlp-endpoint", "AUTHLEDGER_OTLP_ENDPOINT", "", "OTLP/HTTP collector URL receiving traces of requests, commands and store calls (empty: off unless OTEL_EXPORTER_OTLP_ENDPOINT is set)"},
	{"log-level", "AUTHLEDGER_LOG_LEVEL", "info", "debug, info, warn or error"},
	{"sync", "AUTHLEDGER_SYNC", "full", "SQLite synchronous mode for the event log: full (durable, default) or normal"},
	{"argon2-memory", "AUTHLEDGER_ARGON2_MEMORY", "19456", "Argon2id memory in KiB"},
	{"argon2-time", "AUTHLEDGER_ARGON2_TIME", "2", "Argon2id iterations"},
	{"argon2-parallelism", "AUTHLEDGER_ARGON2_PARALLELISM", "1", "Argon2id lanes"},
	{"heap-headroom", "AUTHLEDGER_HEAP_HEADROOM", "64", "MiB the Go heap may grow past its live data before a collection (at least GOGC's 100%): fewer collections while the live heap is small; 0 leaves the runtime's default, as does setting GOGC"},
	{"max-hashes", "AUTHLEDGER_MAX_HASHES", "0", "concurrent password hashes (0 = 2 × CPUs); excess get 503"},
	{"password-min", "AUTHLEDGER_PASSWORD_MIN", "8", "minimum password length in code points (NIST: 15 for password-only accounts)"},
	{"password-max", "AUTHLEDGER_PASSWORD_MAX", "128", "maximum password length in code points"},
	{"password-min-score", "AUTHLEDGER_PASSWORD_MIN_SCORE", "2", "least strength estimate (zxcvbn score 1..4) a new password needs; 0 turns the estimate off (the blocklist and context words still apply)"},
	{"signin-free-failures", "AUTHLEDGER_SIGNIN_FREE_FAILURES", "5", "consecutive failed password sign-ins per address before the backoff starts"},
	{"signin-backoff", "AUTHLEDGER_SIGNIN_BACKOFF", "1s", "first sign-in backoff after the free failures; it doubles with each further failure"},
	{"signin-backoff-max", "AUTHLEDGER_SIGNIN_BACKOFF_MAX", "15m", "cap of the sign-in backoff"},
	{"user-fields", "AUTHLEDGER_USER_FIELDS", "", "additional user fields: name:type[:required][:input][=default],… (types string, number, boolean, date)"},
	{"brand-name", "AUTHLEDGER_BRAND_NAME", "authledger", "name shown on the hosted pages (/ui)"},
	{"brand-color", "AUTHLEDGER_BRAND_COLOR", "#3b5bdb", "primary colour of the hosted pages: #rgb or #rrggbb"},
	{"brand-background", "AUTHLEDGER_BRAND_BACKGROUND", "#f4f5f7", "background colour of the hosted pages: #rgb or #rrggbb"},
	{"redirect-after-sign-in", "AUTHLEDGER_REDIRECT_AFTER_SIGN_IN", "/ui/account", "same-site path the hosted pages open after sign-in or sign-up"},
}

// config is the parsed settings by flag name.
type config map[string]string

// parseConfig reads every serve setting from args, falling back to
// environment variables, then defaults, as serve's command line does
// (cli.go): flags win over the environment, which is read only after
// parsing, so --help and usage errors show the table's defaults and never
// a value from the environment (a secret, a database password). It
// returns the operands; --help prints the flags to out and is an error.
func parseConfig(name string, args []string, getenv func(string) string, out io.Writer) (config, []string, error) {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(out)
	fs.SortFlags = false
	addSettingFlags(fs, allSettings())
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: authledger %s [flags]\n\nEvery flag can also be set by its environment variable.\n\n%s", name, fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if !errors.Is(err, pflag.ErrHelp) {
			fs.Usage()
		}
		return nil, nil, err
	}
	return resolveConfig(fs, getenv), fs.Args(), nil
}

// list splits a comma-separated setting.
func (c config) list(name string) []string {
	var out []string
	for _, p := range strings.Split(c[name], ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
