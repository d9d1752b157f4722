package ratelimit

import (
	"strings"
	"time"
)

// Rule limits requests whose path matches Path.
type Rule struct {
	// Path is a path below the auth base path, e.g. "/sign-in".
	Path string
	// Exact makes the rule match Path only; otherwise it matches every path
	// starting with Path (Better Auth's startsWith).
	Exact bool
	// Max requests are allowed per Window.
	Max    int
	Window time.Duration
	// PerPath gives every matching path its own bucket; otherwise all paths
	// the rule matches share one bucket per client.
	PerPath bool
}

// DefaultRules returns Better Auth 1.7.25's default limits: 100 per 10 s
// for everything; 3 per 10 s for /sign-in*, /sign-up*, /change-password*,
// /change-email* and /two-factor/* (twoFactor plugin); 3 per 60 s for
// /request-password-reset, /send-verification-email, /forget-password*
// and the email-OTP sending routes.
func DefaultRules() []Rule {
	const ten, sixty = 10 * time.Second, 60 * time.Second
	return []Rule{
		{Path: "/", Max: 100, Window: ten, PerPath: true},
		{Path: "/sign-in", Max: 3, Window: ten},
		{Path: "/sign-up", Max: 3, Window: ten},
		{Path: "/change-password", Max: 3, Window: ten},
		{Path: "/change-email", Max: 3, Window: ten},
		{Path: "/two-factor/", Max: 3, Window: ten},
		{Path: "/request-password-reset", Exact: true, Max: 3, Window: sixty},
		{Path: "/send-verification-email", Exact: true, Max: 3, Window: sixty},
		{Path: "/forget-password", Max: 3, Window: sixty},
		{Path: "/email-otp/send-verification-otp", Exact: true, Max: 3, Window: sixty},
		{Path: "/email-otp/request-password-reset", Exact: true, Max: 3, Window: sixty},
	}
}

// match returns the most specific rule for path: the longest matching
// Path, an exact rule beating a prefix rule of the same length. ok is false
// when no rule matches.
func match(rules []Rule, path string) (Rule, bool) {
	best, found := Rule{}, false
	for _, r := range rules {
		if r.Exact && path != r.Path || !r.Exact && !strings.HasPrefix(path, r.Path) {
			continue
		}
		if !found || len(r.Path) > len(best.Path) || len(r.Path) == len(best.Path) && r.Exact {
			best, found = r, true
		}
	}
	return best, found
}

// normalizePath drops a query and trailing slashes, as Better Auth's
// normalizePathname does, and bounds the length kept for the key.
func normalizePath(p string) string {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	p = strings.TrimRight(p, "/")
	if p == "" {
		return "/"
	}
	const maxPath = 256
	if len(p) > maxPath {
		p = p[:maxPath]
	}
	return p
}
