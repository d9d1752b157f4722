package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/social"
	"github.com/google/go-cmp/cmp"
)

// testAppleKey is a fresh P-256 key as Apple's .p8 file holds it.
func testAppleKey(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// TestPresetEntries: --oidc-providers entries name a preset and its
// fields; each preset's needs are checked, and a refused entry's message
// names what is wrong without quoting a value but the id.
func TestPresetEntries(t *testing.T) {
	tests := []struct {
		name, entry string
		want        string // "" accepted, else part of the message
	}{
		{"google", "id=google,preset=google,client-id=c,client-secret-env=G,offline=true,trusted=true", ""},
		{"microsoft tenant", "id=ms,preset=microsoft,tenant=72f988bf-86f1-41af-91ab-2d7cd011db47,client-id=c,client-secret-env=M", ""},
		{"apple", "id=apple,preset=apple,client-id=com.example.web,team-id=T1,key-id=K1,private-key-env=APPLE_KEY", ""},
		{"github", "id=github,preset=github,client-id=c,client-secret-env=G", ""},
		{"gitlab self-hosted", "id=gl,preset=gitlab,issuer=https://gitlab.example.com,client-id=c,client-secret-env=G", ""},
		{"discord", "id=discord,preset=discord,client-id=c,client-secret-env=D", ""},
		{"unknown preset", "id=fb,preset=facebook,client-id=c,client-secret-env=F", "preset must be one of"},
		{"fixed issuer", "id=g,preset=google,issuer=https://evil.example,client-id=c,client-secret-env=G", "issuer is fixed"},
		{"bad tenant", "id=ms,preset=microsoft,tenant=contoso,client-id=c,client-secret-env=M", "tenant"},
		{"apple with a client secret", "id=a,preset=apple,client-id=c,team-id=T,key-id=K,client-secret-env=S", "signs its client secret"},
		{"apple without key", "id=a,preset=apple,client-id=c,team-id=T,key-id=K", "private-key-env"},
		{"apple without team", "id=a,preset=apple,client-id=c,key-id=K,private-key-env=P", "team id"},
		{"key elsewhere", "id=g,preset=github,client-id=c,client-secret-env=G,private-key-env=P", "for the apple preset"},
		{"offline elsewhere", "id=g,preset=github,client-id=c,client-secret-env=G,offline=true", "offline"},
		{"oidc without issuer", "id=corp,client-id=c,client-secret-env=S", "needs an issuer"},
		{"odd variable", "id=g,preset=github,client-id=c,client-secret-env=A-B", "environment variable name"},
		{"secret as a value", "id=g,preset=github,client-id=c,client-secret=hunter2", "unknown key"},
	}
	for _, tt := range tests {
		_, err := parseServeSettings(config(mustConfig(t, "--oidc-providers", tt.entry)))
		if (tt.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: the message quotes a secret: %v", tt.name, err)
		}
	}
}

// mustConfig parses serve flags (the defaults for the others).
func mustConfig(t *testing.T, args ...string) config {
	t.Helper()
	cfg, _, err := parseConfig("serve", args, func(string) string { return "" }, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestProvidersFile: --providers-file holds several providers with the
// flag's keys; with --oidc-providers both count, an id in both is
// refused; secrets come from the named variables (Apple's key must be an
// ES256 key), and every problem is reported at once without a value.
func TestProvidersFile(t *testing.T) {
	file := filepath.Join("testdata", "providers.json")
	s, err := parseServeSettings(mustConfig(t, "--providers-file", file, "--oidc-providers",
		"id=lab,issuer=http://127.0.0.1:4444/,client-id=lab-client,client-secret-env=LAB_SECRET"))
	if err != nil {
		t.Fatal(err)
	}
	key := testAppleKey(t)
	env := map[string]string{"GOOGLE_CLIENT_SECRET": "g-s3cret", "MICROSOFT_CLIENT_SECRET": "m-s3cret", "APPLE_PRIVATE_KEY": key,
		"GITHUB_CLIENT_SECRET": "gh-s3cret", "GITLAB_CLIENT_SECRET": "gl-s3cret", "DISCORD_CLIENT_SECRET": "d-s3cret",
		"CORP_OIDC_SECRET": "c-s3cret", "LAB_SECRET": "l-s3cret"}
	if err := s.readSecrets(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	want := []social.Provider{
		{ID: "lab", Preset: "oidc", Issuer: "http://127.0.0.1:4444/", ClientID: "lab-client", ClientSecret: "l-s3cret"},
		{ID: "google", Preset: "google", ClientID: "1234987819200.apps.googleusercontent.com", ClientSecret: "g-s3cret",
			Trusted: true, Offline: true},
		{ID: "microsoft", Preset: "microsoft", Tenant: "organizations", ClientID: "6cb04018-a3f5-46a7-b995-940c78f5aef3",
			ClientSecret: "m-s3cret"},
		{ID: "apple", Preset: "apple", ClientID: "com.example.web", TeamID: "TEAM123456", KeyID: "KEY1234567", PrivateKey: key},
		{ID: "github", Preset: "github", ClientID: "Iv1.8a61f9b3a7aba766", ClientSecret: "gh-s3cret"},
		{ID: "gitlab", Preset: "gitlab", Issuer: "https://gitlab.example.com", ClientID: "gitlab-app-id",
			ClientSecret: "gl-s3cret", Scopes: []string{"read_user"}},
		{ID: "discord", Preset: "discord", ClientID: "1049123456789012345", ClientSecret: "d-s3cret"},
		{ID: "corp", Preset: "oidc", Issuer: "https://id.example.com", ClientID: "authledger", ClientSecret: "c-s3cret", Trusted: true},
	}
	if diff := cmp.Diff(want, s.socialProviders()); diff != "" {
		t.Errorf("providers (-want +got):\n%s", diff)
	}
	for _, p := range s.socialProviders() {
		if err := social.CheckPreset(p); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
	}
	env["APPLE_PRIVATE_KEY"] = strings.ReplaceAll(key, "\n", `\n`) // one line, as env files hold it
	if err := s.readSecrets(func(k string) string { return env[k] }); err != nil || s.socialProviders()[3].PrivateKey != key {
		t.Errorf("a key written on one line: %v", err)
	}
	env["APPLE_PRIVATE_KEY"] = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"
	delete(env, "DISCORD_CLIENT_SECRET")
	err = s.readSecrets(func(k string) string { return env[k] })
	if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "APPLE_PRIVATE_KEY") ||
		!strings.Contains(err.Error(), `--providers-file provider "discord": environment variable DISCORD_CLIENT_SECRET`) ||
		strings.Contains(err.Error(), "bm90IGEga2V5") {
		t.Errorf("bad key and empty secret: %v", err)
	}
	_, err = parseServeSettings(mustConfig(t, "--providers-file", file, "--oidc-providers",
		"id=google,preset=google,client-id=c,client-secret-env=G"))
	if err == nil || !strings.Contains(err.Error(), `provider "google" is listed twice`) {
		t.Errorf("an id in the flag and the file: %v", err)
	}
}

// TestProvidersFileRefusals: a file that cannot be read or is not the
// expected JSON is refused naming the flag, never quoting its content;
// every bad provider of a file is reported.
func TestProvidersFileRefusals(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content string
		want          []string
	}{
		{"not JSON", `{"providers": [hunter2]}`, []string{"not valid JSON"}},
		{"a secret in the file", `{"providers": [{"id": "g", "preset": "github", "client-id": "c", "client-secret": "hunter2"}]}`,
			[]string{`unknown key "client-secret"`}},
		{"wrong type", `{"providers": [{"id": "g", "trusted": "hunter2"}]}`, []string{"trusted"}},
		{"no providers", `{}`, []string{"providers"}},
		{"empty", ``, []string{"empty"}},
		{"every bad provider", `{"providers": [{"id": "a", "preset": "github", "client-id": "c"},
			{"id": "b", "preset": "microsoft", "tenant": "hunter2", "client-id": "c", "client-secret-env": "M"},
			{"id": "Bad Id"}]}`, []string{`provider "a"`, `provider "b"`, "providers[2]"}},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".json")
		if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := parseServeSettings(mustConfig(t, "--providers-file", path))
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "--providers-file") {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v, want %q", tt.name, err, w)
			}
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: the message quotes the file: %v", tt.name, err)
		}
	}
	if _, err := parseServeSettings(mustConfig(t, "--providers-file", filepath.Join(dir, "missing.json"))); !errors.Is(err, errUsage) {
		t.Errorf("missing file: %v", err)
	}
}
