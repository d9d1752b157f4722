package main

import (
	"crypto"
	"crypto/ed25519"
	"errors"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/deletion"
	api "github.com/authledger/authledger/api/httpapi"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/signin"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/google/go-cmp/cmp"
)

// settingsCmp compares settings: the embedded store settings too,
// prefixes by value, blocklists by presence (the bundled list is rebuilt
// per parse).
var settingsCmp = []cmp.Option{
	cmp.AllowUnexported(serveSettings{}),
	cmp.Comparer(func(a, b netip.Prefix) bool { return a == b }),
	cmp.Comparer(func(a, b *password.Blocklist) bool { return (a == nil) == (b == nil) }),
}

// serveFlags is the raw configuration of serve given args and no
// environment.
func serveFlags(t *testing.T, args ...string) config {
	t.Helper()
	cfg, _, err := parseConfig("serve", args, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// defaultStore is what parseStoreSettings makes of no flags.
func defaultStore() storeSettings {
	return storeSettings{DataDir: "./data", MaxConns: 16, StatementTimeout: 5 * time.Second, Sync: "FULL",
		LogLevel: slog.LevelInfo, TSA: tsaSettings{Hash: crypto.SHA256}}
}

// scored is the default password policy with the least score n.
func scored(n int) password.Policy {
	p := password.DefaultPolicy()
	p.MinScore = n
	return p
}

// defaultServe is what parseServeSettings makes of no flags.
func defaultServe() serveSettings {
	return serveSettings{storeSettings: defaultStore(), Addr: "127.0.0.1:8080", RateLimit: true,
		Argon2: password.DefaultParams(), MaxHashes: 2 * numCPU(), HeapHeadroom: 64 << 20, Policy: scored(password.DefaultMinScore), SignInBackoff: signin.DefaultBackoff(),
		Passkey: passkeys.Config{RPName: "authledger"}, Webhooks: webhookSettings{DisableAfter: 24 * time.Hour},
		Web: api.WebConfig{BrandName: "authledger", PrimaryColor: "#3b5bdb", BackgroundColor: "#f4f5f7", RedirectAfterSignIn: "/ui/account"}}
}

// testAuditKey writes a fresh checkpoint key as PEM into dir and returns
// the key, its PEM text and the file's path.
func testAuditKey(t *testing.T) (key ed25519.PrivateKey, pemText, path string) {
	t.Helper()
	key, err := chain.DeriveKey([]byte(e2eSecret))
	if err != nil {
		t.Fatal(err)
	}
	b, err := chain.MarshalPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "audit.pem")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return key, string(b), path
}

func TestParseStoreSettings(t *testing.T) {
	key, pemText, keyPath := testAuditKey(t)
	pg, pg2 := "postgres://u:pw@db/a", "postgresql://db/b"
	tests := []struct {
		name string
		args []string
		edit func(*storeSettings)
	}{
		{"defaults", nil, func(*storeSettings) {}},
		{"database for both stores", []string{"--database", pg, "--secret", e2eSecret},
			func(s *storeSettings) { s.EventsURL, s.ReadURL, s.Secret = pg, pg, e2eSecret }},
		{"eventstore and ontology override database", []string{"--database", pg, "--eventstore", pg2, "--ontology", pg2},
			func(s *storeSettings) { s.EventsURL, s.ReadURL = pg2, pg2 }},
		{"ontology only", []string{"--ontology", pg2}, func(s *storeSettings) { s.ReadURL = pg2 }},
		{"pool and timeout", []string{"--db-max-conns", "3", "--db-statement-timeout", "250ms"},
			func(s *storeSettings) { s.MaxConns, s.StatementTimeout = 3, 250*time.Millisecond }},
		{"sync normal, any case", []string{"--sync", "Normal"}, func(s *storeSettings) { s.Sync = "NORMAL" }},
		{"log level", []string{"--log-level", "debug", "--data-dir", "/var/lib/al"},
			func(s *storeSettings) { s.LogLevel, s.DataDir = slog.LevelDebug, "/var/lib/al" }},
		{"audit key as PEM text", []string{"--audit-key", pemText}, func(s *storeSettings) { s.AuditKey = key }},
		{"audit key as a file", []string{"--audit-key", keyPath}, func(s *storeSettings) { s.AuditKey = key }},
		{"time-stamping authority", []string{"--audit-tsa-url", "https://tsa.example/tsr", "--audit-tsa-hash", "sha512"},
			func(s *storeSettings) { s.TSA = tsaSettings{URL: "https://tsa.example/tsr", Hash: crypto.SHA512} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStoreSettings(serveFlags(t, tt.args...))
			if err != nil {
				t.Fatal(err)
			}
			want := defaultStore()
			tt.edit(&want)
			if diff := cmp.Diff(got, want, settingsCmp...); diff != "" {
				t.Error(diff)
			}
		})
	}
}

func TestParseServeSettings(t *testing.T) {
	smtp, err := mail.ParseURL("smtp://mail.example.com:587?from=noreply@example.com")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		edit func(*serveSettings)
	}{
		{"defaults", nil, func(*serveSettings) {}},
		{"network", []string{"--addr", ":0", "--base-url", "https://id.example.com", "--trusted-origins", "https://app.example.com, https://*.example.org",
			"--trusted-proxies", "10.0.0.1,192.168.1.7/16", "--admin-key", e2eAdminKey, "--rate-limit", "OFF"}, func(s *serveSettings) {
			s.Addr, s.BaseURL, s.AdminKey, s.RateLimit = ":0", "https://id.example.com", e2eAdminKey, false
			s.TrustedOrigins = []string{"https://app.example.com", "https://*.example.org"}
			s.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.1/32"), netip.MustParsePrefix("192.168.0.0/16")}
		}},
		{"hashing", []string{"--argon2-memory", "65536", "--argon2-time", "3", "--argon2-parallelism", "4", "--max-hashes", "7"},
			func(s *serveSettings) { s.Argon2.Memory, s.Argon2.Time, s.Argon2.Threads, s.MaxHashes = 65536, 3, 4, 7 }},
		{"password lengths", []string{"--password-min", "15", "--password-max", "64"},
			func(s *serveSettings) { s.Policy.MinLength, s.Policy.MaxLength = 15, 64 }},
		{"password score", []string{"--password-min-score", "4"}, func(s *serveSettings) { s.Policy.MinScore = 4 }},
		{"password score off", []string{"--password-min-score", "0"}, func(s *serveSettings) { s.Policy.MinScore = -1 }},
		{"heap headroom", []string{"--heap-headroom", "256"}, func(s *serveSettings) { s.HeapHeadroom = 256 << 20 }},
		{"heap headroom off", []string{"--heap-headroom", "0"}, func(s *serveSettings) { s.HeapHeadroom = 0 }},
		{"user fields", []string{"--user-fields", "plan:string:input=free"},
			func(s *serveSettings) {
				s.Fields = domain.FieldSchema{{Name: "plan", Type: "string", Input: true, Default: "free"}}
			}},
		{"passkeys", []string{"--rp-id", "example.com", "--rp-name", "Example", "--rp-origins", "https://example.com,https://www.example.com"},
			func(s *serveSettings) {
				s.Passkey = passkeys.Config{RPID: "example.com", RPName: "Example", Origins: []string{"https://example.com", "https://www.example.com"}}
			}},
		{"brand", []string{"--brand-name", "Acme ID", "--brand-color", "#a01", "--brand-background", "#ffffff", "--redirect-after-sign-in", "/app"},
			func(s *serveSettings) {
				s.Web = api.WebConfig{BrandName: "Acme ID", PrimaryColor: "#a01", BackgroundColor: "#ffffff", RedirectAfterSignIn: "/app"}
			}},
		{"mailer", []string{"--smtp-url", "smtp://mail.example.com:587?from=noreply@example.com"},
			func(s *serveSettings) { s.Mailer, s.InvitationsNeedVerifiedEmail = smtp, true }},
		{"invitations without verified email", []string{"--smtp-url", "smtp://mail.example.com:587?from=noreply@example.com",
			"--invitations-need-verified-email", "off"}, func(s *serveSettings) { s.Mailer = smtp }},
		{"invitations need verified email", []string{"--invitations-need-verified-email", "on"},
			func(s *serveSettings) { s.InvitationsNeedVerifiedEmail = true }},
		{"verification required", []string{"--require-email-verification", "on"},
			func(s *serveSettings) { s.Verification = verification.Config{Required: true, SendOnSignUp: true} }},
		{"verification switches", []string{"--require-email-verification", "ON", "--send-verification-on-sign-up", "off",
			"--auto-sign-in-after-verification", "on"},
			func(s *serveSettings) { s.Verification = verification.Config{Required: true, AutoSignIn: true} }},
		{"delete user", []string{"--delete-user", "on"},
			func(s *serveSettings) { s.Deletion = deletion.Config{Enabled: true} }},
		{"change email", []string{"--change-email", "on"},
			func(s *serveSettings) { s.Verification = verification.Config{ChangeEmail: true} }},
		{"verification on sign-up only", []string{"--send-verification-on-sign-up", "on"},
			func(s *serveSettings) { s.Verification = verification.Config{SendOnSignUp: true} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseServeSettings(serveFlags(t, tt.args...))
			if err != nil {
				t.Fatal(err)
			}
			want := defaultServe()
			tt.edit(&want)
			if diff := cmp.Diff(got, want, settingsCmp...); diff != "" {
				t.Error(diff)
			}
		})
	}
}

// TestListeningOnDefaultsBaseURL: the base URL defaults to the address
// actually listened on, and an explicit one stays.
func TestListeningOnDefaultsBaseURL(t *testing.T) {
	addr := netAddr("127.0.0.1:43123")
	s := defaultServe()
	s.listeningOn(addr)
	if s.BaseURL != "http://127.0.0.1:43123" {
		t.Errorf("default base URL = %q", s.BaseURL)
	}
	s.BaseURL = "https://id.example.com"
	s.listeningOn(addr)
	if s.BaseURL != "https://id.example.com" {
		t.Errorf("explicit base URL = %q", s.BaseURL)
	}
}

// netAddr is a net.Addr of a fixed text.
type netAddr string

func (a netAddr) Network() string { return "tcp" }
func (a netAddr) String() string  { return string(a) }

// testSecrets are secret values the error cases below use; no error text
// may contain any of them.
var testSecrets = []string{"hunter2", "s3cret", "too-short-secret", "admin-key-value-0123456789", "KEYMATERIAL", "not-a-key-but-secret"}

// badSettings are bad settings and the flags their error must name.
var badSettings = []struct {
	name  string
	args  []string
	flags []string // each named once, in this order
	store bool     // parseStoreSettings reports the same
}{
	{"data dir", []string{"--data-dir", ""}, []string{"data-dir"}, true},
	{"time-stamping authority", []string{"--audit-tsa-url", "ftp://u:hunter2@tsa", "--audit-tsa-roots", "/nonexistent/roots.pem", "--audit-tsa-hash", "md5"},
		[]string{"audit-tsa-hash", "audit-tsa-url", "audit-tsa-roots"}, true},
	{"database scheme", []string{"--database", "mysql://u:hunter2@db/x"}, []string{"database"}, true},
	{"eventstore scheme", []string{"--eventstore", "sqlite:///x", "--secret", e2eSecret}, []string{"eventstore"}, true},
	{"ontology scheme", []string{"--ontology", "http://db"}, []string{"ontology"}, true},
	{"max conns", []string{"--db-max-conns", "0"}, []string{"db-max-conns"}, true},
	{"max conns overflow", []string{"--db-max-conns", "4294967296"}, []string{"db-max-conns"}, true},
	{"statement timeout", []string{"--db-statement-timeout", "5"}, []string{"db-statement-timeout"}, true},
	{"sync", []string{"--sync", "off"}, []string{"sync"}, true},
	{"short secret", []string{"--secret", "too-short-secret"}, []string{"secret"}, true},
	{"log level", []string{"--log-level", "loud"}, []string{"log-level"}, true},
	{"audit key text", []string{"--audit-key", "-----BEGIN PRIVATE KEY-----\nKEYMATERIAL\n-----END PRIVATE KEY-----"}, []string{"audit-key"}, true},
	{"audit key path", []string{"--audit-key", "not-a-key-but-secret"}, []string{"audit-key"}, true},
	{"PostgreSQL without secret", []string{"--database", "postgres://u:hunter2@db/x"}, []string{"secret"}, false},
	{"addr", []string{"--addr", "localhost"}, []string{"addr"}, false},
	{"base URL", []string{"--base-url", "ftp://u:hunter2@example.com"}, []string{"base-url"}, false},
	{"trusted origin", []string{"--trusted-origins", "https://ok.example, https://*bad*.example"}, []string{"trusted-origins"}, false},
	{"trusted proxy", []string{"--trusted-proxies", "10.0.0.1,not-an-ip"}, []string{"trusted-proxies"}, false},
	{"rate limit", []string{"--rate-limit", "maybe"}, []string{"rate-limit"}, false},
	{"tls cert without key", []string{"--tls-cert", "cert.pem"}, []string{"tls-key"}, false},
	{"tls key without cert", []string{"--tls-key", "key.pem"}, []string{"tls-cert"}, false},
	{"otlp endpoint", []string{"--otlp-endpoint", "collector:4318"}, []string{"otlp-endpoint"}, false},
	{"tls pair missing", []string{"--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"}, []string{"tls-cert"}, false},
	{"delete user", []string{"--delete-user", "yes"}, []string{"delete-user"}, false},
	{"delete user by email without mail", []string{"--delete-user", "email"}, []string{"delete-user"}, false},
	{"verification switches", []string{"--require-email-verification", "yes", "--send-verification-on-sign-up", "always",
		"--auto-sign-in-after-verification", "1"},
		[]string{"require-email-verification", "auto-sign-in-after-verification", "send-verification-on-sign-up"}, false},
	{"argon2 memory", []string{"--argon2-memory", "-1"}, []string{"argon2-memory"}, false},
	{"argon2 time", []string{"--argon2-time", "0"}, []string{"argon2-time"}, false},
	{"argon2 lanes", []string{"--argon2-parallelism", "256"}, []string{"argon2-parallelism"}, false},
	{"argon2 memory per lane", []string{"--argon2-memory", "16", "--argon2-parallelism", "4"}, []string{"argon2-memory"}, false},
	{"max hashes", []string{"--max-hashes", "many"}, []string{"max-hashes"}, false},
	{"password min", []string{"--password-min", "-3"}, []string{"password-min"}, false},
	{"password max", []string{"--password-max", "x"}, []string{"password-max"}, false},
	{"password score", []string{"--password-min-score", "5"}, []string{"password-min-score"}, false},
	{"heap headroom", []string{"--heap-headroom", "-1"}, []string{"heap-headroom"}, false},
	{"password min above max", []string{"--password-min", "40", "--password-max", "20"}, []string{"password-min"}, false},
	{"user fields syntax", []string{"--user-fields", "plan"}, []string{"user-fields"}, false},
	{"user fields schema", []string{"--user-fields", "email:string"}, []string{"user-fields"}, false},
	{"brand name", []string{"--brand-name", strings.Repeat("n", 65)}, []string{"brand-name"}, false},
	{"brand color", []string{"--brand-color", "red;}body{display:none"}, []string{"brand-color"}, false},
	{"brand background", []string{"--brand-background", "white"}, []string{"brand-background"}, false},
	{"redirect", []string{"--redirect-after-sign-in", "//evil.test"}, []string{"redirect-after-sign-in"}, false},
	{"smtp URL", []string{"--smtp-url", "smtp://u:s3cret@mail.example.com?from=bad"}, []string{"smtp-url"}, false},
	{"oidc provider without id", []string{"--oidc-providers", "issuer=https://id.test,client-id=c,client-secret-env=S"}, []string{"oidc-providers"}, false},
	{"oidc provider issuer", []string{"--oidc-providers", "id=a,issuer=ftp://id.test,client-id=c,client-secret-env=S"}, []string{"oidc-providers"}, false},
	{"oidc provider without secret env", []string{"--oidc-providers", "id=a,issuer=https://id.test,client-id=c"}, []string{"oidc-providers"}, false},
	{"oidc provider unknown key", []string{"--oidc-providers", "id=a,issuer=https://id.test,client-id=c,client-secret-env=S,client-secret=s3cret"}, []string{"oidc-providers"}, false},
	{"oidc provider twice", []string{"--oidc-providers", "id=a,issuer=https://id.test,client-id=c,client-secret-env=S;id=a,issuer=https://id.test,client-id=c,client-secret-env=S"}, []string{"oidc-providers"}, false},
	{"oidc trusted", []string{"--oidc-providers", "id=a,issuer=https://id.test,client-id=c,client-secret-env=S,trusted=yes"}, []string{"oidc-providers"}, false},
	{"several store settings", []string{"--sync", "off", "--log-level", "loud", "--db-max-conns", "0", "--secret", "too-short-secret"},
		[]string{"db-max-conns", "sync", "secret", "log-level"}, true},
	{"several serve settings", []string{"--addr", "nowhere", "--database", "postgres://u:hunter2@db/x", "--admin-key", "admin-key-value-0123456789",
		"--rate-limit", "maybe", "--brand-color", "red", "--smtp-url", "smtp://u:s3cret@x?from=bad", "--password-max", "x"},
		[]string{"secret", "addr", "rate-limit", "password-max", "brand-color", "smtp-url"}, false},
}

// TestSettingsErrors: each bad setting is a usage error naming its flag;
// several bad settings are all named at once; no secret is echoed.
func TestSettingsErrors(t *testing.T) {
	for _, tt := range badSettings {
		t.Run(tt.name, func(t *testing.T) {
			cfg := serveFlags(t, tt.args...)
			_, err := parseServeSettings(cfg)
			checkSettingsError(t, err, tt.flags)
			if tt.store {
				_, err := parseStoreSettings(cfg)
				checkSettingsError(t, err, tt.flags)
			}
		})
	}
}

// checkSettingsError checks that err joins one usage error per flag, in
// order, each naming its flag, and that no test secret shows.
func checkSettingsError(t *testing.T, err error, flags []string) {
	t.Helper()
	if !errors.Is(err, errUsage) || exitCode(err) != 2 {
		t.Fatalf("got %v, want a usage error", err)
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok || len(joined.Unwrap()) != len(flags) {
		t.Fatalf("got %q, want one error for each of %v", err, flags)
	}
	for i, e := range joined.Unwrap() {
		named := regexp.MustCompile(`--` + regexp.QuoteMeta(flags[i]) + `([^a-z-]|$)`)
		if !errors.Is(e, errUsage) || !named.MatchString(e.Error()) {
			t.Errorf("error %d = %q, want a usage error naming --%s", i, e, flags[i])
		}
	}
	for _, s := range testSecrets {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error %q shows the secret %q", err, s)
		}
	}
}
