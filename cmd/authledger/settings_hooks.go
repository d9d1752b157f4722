package main

import (
	"slices"
	"time"

	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/api/webhook"
	"github.com/authledger/authledger/api/webhook/sign"
)

// maxHookTimeout bounds --before-hook-timeout: the hook holds a sign-in.
const maxHookTimeout = 30 * time.Second

// beforeHookSettings is the before-hook as configured: off without a URL.
// The signing secret is read from the environment variable SecretEnv by
// readHookSecret (never a flag).
type beforeHookSettings struct {
	URL          string
	SecretEnv    string
	Secret       sign.Secret
	Kinds        []hooks.Kind
	FailClosed   bool
	Timeout      time.Duration
	AllowPrivate bool
}

// beforeHook parses the --before-hook-* and --hooks-allow-private
// settings. With no --before-hook-url the others are still checked, so a
// typo is reported, and the hook is off.
func (p *settingsParser) beforeHook() beforeHookSettings {
	h := beforeHookSettings{URL: p.str("before-hook-url"), SecretEnv: p.str("before-hook-secret-env"),
		FailClosed: p.choice("before-hook-fail", "open", "closed") == 1, Timeout: p.duration("before-hook-timeout"),
		AllowPrivate: p.choice("hooks-allow-private", "off", "on") == 1}
	if h.Timeout > maxHookTimeout {
		p.fail("before-hook-timeout", "must be at most %s", maxHookTimeout)
	}
	for _, k := range p.list("before-hook-events") {
		if !slices.Contains(hooks.Kinds(), hooks.Kind(k)) {
			p.fail("before-hook-events", "%q is not one of sign-up, sign-in, organization.create", k)
			continue
		}
		if !slices.Contains(h.Kinds, hooks.Kind(k)) {
			h.Kinds = append(h.Kinds, hooks.Kind(k))
		}
	}
	if len(h.Kinds) == 0 {
		p.fail("before-hook-events", "names no hook point")
	}
	if h.URL == "" {
		return beforeHookSettings{}
	}
	if err := webhook.CheckURL(h.URL); err != nil {
		p.fail("before-hook-url", "%v", err)
	}
	if !envName.MatchString(h.SecretEnv) {
		p.fail("before-hook-secret-env", "must name the environment variable holding the whsec_ signing secret")
	}
	return h
}

// readHookSecret reads the before-hook's signing secret from its
// environment variable; the message never shows the value.
func (s *serveSettings) readHookSecret(getenv func(string) string) error {
	if s.BeforeHook.URL == "" {
		return nil
	}
	p := &settingsParser{}
	secret, err := sign.ParseSecret(getenv(s.BeforeHook.SecretEnv))
	if err != nil {
		p.fail("before-hook-secret-env", "environment variable %s: %v", s.BeforeHook.SecretEnv, err)
	}
	s.BeforeHook.Secret = secret
	return p.err()
}

// hooksConfig is the before-hook the API runs with (off without a URL).
func (h beforeHookSettings) hooksConfig() (hooks.Config, error) {
	if h.URL == "" {
		return hooks.Config{}, nil
	}
	c, err := webhook.New(webhook.Config{URL: h.URL, Secret: h.Secret, Timeout: h.Timeout, AllowPrivate: h.AllowPrivate})
	if err != nil {
		return hooks.Config{}, err
	}
	return hooks.Config{Before: webhook.NewBeforeHook(c), Kinds: h.Kinds, FailClosed: h.FailClosed}, nil
}
