package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/api/reactions"
)

const smtpFlag = "smtp://127.0.0.1:2525?from=noreply@example.com"

// TestReactionSettings: the defaults are off; a full configuration is
// parsed, the welcome text read from its file.
func TestReactionSettings(t *testing.T) {
	s, err := parseServeSettings(serveFlags(t))
	if err != nil || s.Reactions != (reactionSettings{}) {
		t.Fatalf("defaults: %+v %v", s.Reactions, err)
	}
	if w := s.Reactions.welcome(s.Mailer); w.Sender != nil {
		t.Fatal("the welcome mail must be off by default")
	}
	text := filepath.Join(t.TempDir(), "welcome.txt")
	if err := os.WriteFile(text, []byte("Hi {name}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = parseServeSettings(serveFlags(t, "--smtp-url", smtpFlag, "--welcome-mail", "on", "--welcome-mail-subject", "Hi",
		"--welcome-mail-text-file", text, "--default-organization", "acme", "--default-organization-role", "admin, member",
		"--default-organization-on", "email-verified", "--new-device-mail", "on"))
	if err != nil {
		t.Fatal(err)
	}
	want := reactionSettings{Welcome: true, WelcomeSubject: "Hi", WelcomeText: "Hi {name}\n", NewDevice: true,
		Organization: reactions.Organization{Slug: "acme", Role: "admin,member", On: reactions.OnEmailVerified}}
	if s.Reactions != want {
		t.Fatalf("parsed %+v, want %+v", s.Reactions, want)
	}
	if w := s.Reactions.welcome(s.Mailer); w.Sender == nil || w.Subject != "Hi" || w.Text != "Hi {name}\n" {
		t.Fatalf("welcome %+v", w)
	}
}

func TestReactionSettingsErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(bad, []byte{0xff, 0xfe}, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		flags []string
	}{
		{"welcome without SMTP", []string{"--welcome-mail", "on"}, []string{"welcome-mail"}},
		{"new device without SMTP", []string{"--new-device-mail", "on"}, []string{"new-device-mail"}},
		{"welcome switch", []string{"--welcome-mail", "yes"}, []string{"welcome-mail"}},
		{"missing text file", []string{"--welcome-mail-text-file", "/nonexistent/welcome.txt"}, []string{"welcome-mail-text-file"}},
		{"binary text file", []string{"--welcome-mail-text-file", bad}, []string{"welcome-mail-text-file"}},
		{"owner role", []string{"--default-organization", "acme", "--default-organization-role", "owner"},
			[]string{"default-organization-role"}},
		{"unknown role, even when off", []string{"--default-organization-role", "boss"}, []string{"default-organization-role"}},
		{"trigger", []string{"--default-organization-on", "sign-in"}, []string{"default-organization-on"}},
		{"all at once", []string{"--new-device-mail", "maybe", "--default-organization-on", "x"},
			[]string{"new-device-mail", "default-organization-on"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseServeSettings(serveFlags(t, tt.args...))
			checkSettingsError(t, err, tt.flags)
		})
	}
}
