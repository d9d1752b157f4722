package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestParseConfigPrecedence(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"default", nil, nil, "127.0.0.1:8080"},
		{"env", nil, map[string]string{"AUTHLEDGER_ADDR": "0.0.0.0:9"}, "0.0.0.0:9"},
		{"flag wins over env", []string{"--addr", "127.0.0.1:7"}, map[string]string{"AUTHLEDGER_ADDR": "0.0.0.0:9"}, "127.0.0.1:7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _, err := parseConfig("serve", tt.args, env(tt.env), &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if got := cfg["addr"]; got != tt.want {
				t.Errorf("addr = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestServeHelpDocumentsEverySetting checks --help and the README list
// every flag with its environment variable.
func TestServeHelpDocumentsEverySetting(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"serve", "--help"}, env(nil), &out, &errOut)
	if err != nil || errOut.Len() != 0 {
		t.Fatalf("serve --help: %v, stderr %q; want help on stdout and exit 0", err, errOut.String())
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range settings {
		if !strings.Contains(out.String(), "-"+s.flag) || !strings.Contains(out.String(), s.env) {
			t.Errorf("--help misses %s / %s", s.flag, s.env)
		}
		if !strings.Contains(string(readme), "`--"+s.flag+"`") || !strings.Contains(string(readme), "`"+s.env+"`") {
			t.Errorf("README configuration table misses %s / %s", s.flag, s.env)
		}
	}
}

func TestRunCommands(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"version"}, env(nil), &out, &errOut); err != nil || !strings.HasPrefix(out.String(), "authledger ") {
		t.Errorf("version: %v %q", err, out.String())
	}
	if err := run(context.Background(), []string{"frobnicate"}, env(nil), &out, &errOut); !errors.Is(err, errUsage) || exitCode(err) != 2 {
		t.Errorf("unknown command: %v", err)
	}
	if err := run(context.Background(), nil, env(nil), &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("no command: %v", err)
	}
	err := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--database", "postgres://u:pw@db/x"}, env(nil), &out, &errOut)
	if !errors.Is(err, errUsage) || strings.Contains(err.Error(), "pw") {
		t.Errorf("unsupported database: %v", err)
	}
}

func TestLoadSecret(t *testing.T) {
	dir := t.TempDir()
	var warn bytes.Buffer
	s1, err := loadSecret("", dir, &warn)
	var line struct{ Level, Msg, Path string }
	if err != nil || len(s1) < 32 || json.Unmarshal(warn.Bytes(), &line) != nil || line.Level != "WARN" ||
		!strings.Contains(line.Msg, "WARNING") || line.Path != filepath.Join(dir, secretFile) {
		t.Fatalf("generate: %v, want one slog JSON warning with the path: %q", err, warn.String())
	}
	info, err := os.Stat(filepath.Join(dir, secretFile))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("secret file: %v %v", info, err)
	}
	warn.Reset()
	s2, err := loadSecret("", dir, &warn)
	if err != nil || !bytes.Equal(s1, s2) || warn.Len() != 0 {
		t.Errorf("reload: %v, same=%v, warned=%q", err, bytes.Equal(s1, s2), warn.String())
	}
	if _, err := loadSecret("short", dir, &warn); !errors.Is(err, errUsage) {
		t.Errorf("short secret: %v", err)
	}
}

func TestParseFields(t *testing.T) {
	got, err := parseFields("plan:string:input=free, age:number:input:required ,beta:boolean=false")
	if err != nil {
		t.Fatal(err)
	}
	want := domain.FieldSchema{
		{Name: "plan", Type: "string", Input: true, Default: "free"},
		{Name: "age", Type: "number", Input: true, Required: true},
		{Name: "beta", Type: "boolean", Default: false},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Error(diff)
	}
	for _, bad := range []string{"plan", "plan:string:sometimes", "n:number=abc", "d:date=yesterday", "x:blob=1"} {
		if _, err := parseFields(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestParsePrefixes(t *testing.T) {
	got, err := parsePrefixes([]string{"10.0.0.1", "192.168.0.0/16", "::1"})
	if err != nil || len(got) != 3 || got[0].Bits() != 32 || got[2].Bits() != 128 {
		t.Errorf("%v %v", got, err)
	}
	if _, err := parsePrefixes([]string{"not-an-ip"}); err == nil {
		t.Error("bad proxy accepted")
	}
}

// TestHelpNeverShowsTheEnvironment: --help (and a usage error) print the
// table's defaults, never a secret, key or database password taken from
// the environment.
func TestHelpNeverShowsTheEnvironment(t *testing.T) {
	secrets := map[string]string{
		"AUTHLEDGER_SECRET":       "env-secret-0123456789abcdefghijklmnopqrstuv",
		"AUTHLEDGER_ADMIN_KEY":    "env-admin-key-value",
		"AUTHLEDGER_DATABASE_URL": "postgres://user:env-db-password@db/authledger",
		"AUTHLEDGER_SMTP_URL":     "smtp://user:env-smtp-password@mail.example.com?from=a@example.com",
		"AUTHLEDGER_AUDIT_KEY":    "env-audit-key-material",
	}
	for _, args := range [][]string{{"--help"}, {"--no-such-flag"}} {
		var out bytes.Buffer
		if _, _, err := parseConfig("serve", args, env(secrets), &out); err == nil {
			t.Fatalf("%v: parseConfig succeeded", args)
		}
		if !strings.Contains(out.String(), "AUTHLEDGER_SECRET") {
			t.Fatalf("%v printed no usage: %q", args, out.String())
		}
		for name, v := range secrets {
			for _, part := range []string{v, "env-db-password", "env-smtp-password"} {
				if strings.Contains(out.String(), part) && strings.Contains(v, part) {
					t.Errorf("%v shows %s from the environment", args, name)
				}
			}
		}
	}
	cfg, _, err := parseConfig("serve", nil, env(secrets), &bytes.Buffer{})
	if err != nil || cfg["admin-key"] != "env-admin-key-value" || cfg["secret"] != secrets["AUTHLEDGER_SECRET"] {
		t.Fatalf("the environment is no longer read: %v", err)
	}
}
