package origin

import (
	"net/http"
	"strings"
)

// CheckRequest applies Better Auth's request-level CSRF checks (its
// originCheckMiddleware and formCsrfMiddleware):
//
//   - GET, HEAD and OPTIONS are never checked;
//   - a request with a Cookie header must carry an Origin (or, failing that,
//     a Referer) whose origin is trusted: none or "null" →
//     MISSING_OR_NULL_ORIGIN, untrusted → INVALID_ORIGIN;
//   - without cookies only sign-in and sign-up are checked: Sec-Fetch-Site
//     cross-site with Sec-Fetch-Mode navigate → CROSS_SITE_NAVIGATION_LOGIN_BLOCKED;
//     any other Sec-Fetch-* header, or an Origin or Referer, requires a
//     trusted origin as above; a request with none of these (curl, a server)
//     passes;
//   - anything else without cookies (a Bearer-authenticated call) passes.
//
// hasCookie must be true whenever the request has a Cookie header at all:
// Better Auth checks its presence, not whether a session cookie is valid.
func (c Checker) CheckRequest(r *http.Request, hasCookie bool, isSignInOrUp bool) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	if hasCookie {
		return c.checkOrigin(r)
	}
	if !isSignInOrUp {
		return nil
	}
	site := r.Header.Get("Sec-Fetch-Site")
	mode := r.Header.Get("Sec-Fetch-Mode")
	dest := r.Header.Get("Sec-Fetch-Dest")
	if strings.TrimSpace(site) != "" || strings.TrimSpace(mode) != "" || strings.TrimSpace(dest) != "" {
		if site == "cross-site" && mode == "navigate" {
			return ErrCrossSiteNavigation
		}
		return c.checkOrigin(r)
	}
	if r.Header.Get("Origin") != "" || r.Header.Get("Referer") != "" {
		return c.checkOrigin(r)
	}
	return nil
}

// checkOrigin is Better Auth's validateOrigin: the Origin header, else the
// Referer, must name a trusted origin.
func (c Checker) checkOrigin(r *http.Request) error {
	claimed := r.Header.Get("Origin")
	if claimed == "null" && r.Header.Get("Sec-Fetch-Site") == "same-origin" {
		// An opaque origin the browser itself vouches is this site (a
		// sandboxed frame of our own pages): Better Auth then validates the
		// request's own origin, which is ours.
		return nil
	}
	if claimed == "" {
		claimed = r.Header.Get("Referer")
	}
	if claimed == "" || claimed == "null" {
		return ErrMissingOrNullOrigin
	}
	o, ok := originOf(claimed)
	if !ok || !c.trusted(o) {
		return ErrInvalidOrigin
	}
	return nil
}
