package main

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/hooks"
)

const hookURLFlag = "https://hooks.example.com/before"

// TestBeforeHookSettings: the defaults are off; a full configuration is
// parsed; the secret comes from the named environment variable only.
func TestBeforeHookSettings(t *testing.T) {
	s, err := parseServeSettings(serveFlags(t))
	if err != nil || s.BeforeHook.URL != "" {
		t.Fatalf("defaults: %+v %v", s.BeforeHook, err)
	}
	if c, err := s.BeforeHook.hooksConfig(); err != nil || c.Before != nil {
		t.Fatalf("no URL must mean no hook: %+v %v", c, err)
	}
	s, err = parseServeSettings(serveFlags(t, "--before-hook-url", hookURLFlag, "--before-hook-secret-env", "HOOK_SECRET",
		"--before-hook-events", "sign-in, organization.create,sign-in", "--before-hook-fail", "closed",
		"--before-hook-timeout", "750ms", "--hooks-allow-private", "on"))
	if err != nil {
		t.Fatal(err)
	}
	h := s.BeforeHook
	if h.URL != hookURLFlag || h.SecretEnv != "HOOK_SECRET" || !h.FailClosed || h.Timeout != 750*time.Millisecond ||
		!h.AllowPrivate || !slices.Equal(h.Kinds, []hooks.Kind{hooks.SignIn, hooks.OrganizationCreate}) {
		t.Fatalf("parsed %+v", h)
	}
	secret := "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	if err := s.readHookSecret(env(map[string]string{"HOOK_SECRET": "whsec_short"})); !errors.Is(err, errUsage) ||
		strings.Contains(err.Error(), "short") || !strings.Contains(err.Error(), "--before-hook-secret-env") {
		t.Fatalf("a bad secret: %v", err)
	}
	if err := s.readHookSecret(env(nil)); !errors.Is(err, errUsage) {
		t.Fatalf("a missing secret: %v", err)
	}
	if err := s.readHookSecret(env(map[string]string{"HOOK_SECRET": secret})); err != nil {
		t.Fatal(err)
	}
	c, err := s.BeforeHook.hooksConfig()
	if err != nil || c.Before == nil || !c.FailClosed || len(c.Kinds) != 2 {
		t.Fatalf("hooks config %+v %v", c, err)
	}
}

func TestBeforeHookSettingsErrors(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		flags []string
	}{
		{"URL scheme", []string{"--before-hook-url", "ftp://x", "--before-hook-secret-env", "S"}, []string{"before-hook-url"}},
		{"URL credentials", []string{"--before-hook-url", "https://u:s3cret@x/", "--before-hook-secret-env", "S"}, []string{"before-hook-url"}},
		{"no secret env", []string{"--before-hook-url", hookURLFlag}, []string{"before-hook-secret-env"}},
		{"secret as env name", []string{"--before-hook-url", hookURLFlag, "--before-hook-secret-env", "whsec_abc="},
			[]string{"before-hook-secret-env"}},
		{"unknown event", []string{"--before-hook-events", "sign-up,sign-out"}, []string{"before-hook-events"}},
		{"no events", []string{"--before-hook-events", ","}, []string{"before-hook-events"}},
		{"fail", []string{"--before-hook-fail", "maybe"}, []string{"before-hook-fail"}},
		{"timeout", []string{"--before-hook-timeout", "0s"}, []string{"before-hook-timeout"}},
		{"long timeout", []string{"--before-hook-timeout", "1m"}, []string{"before-hook-timeout"}},
		{"allow private", []string{"--hooks-allow-private", "yes"}, []string{"hooks-allow-private"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseServeSettings(serveFlags(t, tt.args...))
			checkSettingsError(t, err, tt.flags)
		})
	}
}
