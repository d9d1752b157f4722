// Package origin implements Better Auth's CSRF defences: the Origin/Referer
// check on state-changing requests that carry cookies, the Fetch-Metadata
// check on cookieless sign-in and sign-up, and the allow-list check on
// redirect targets (callbackURL, redirectTo, errorCallbackURL,
// newUserCallbackURL).
//
// Trusted origins are the base URL's origin plus configured ones, compared
// after normalization (lower-case scheme and host, default port dropped).
// A pattern "*.example.com" (any of http/https, default port) or
// "https://*.example.com[:port]" trusts every subdomain, as in Better Auth.
//
// Redirect targets are judged more strictly than Better Auth judges them:
// besides an untrusted origin, anything a browser and Go's url package might
// read differently (backslashes, control characters raw or percent-encoded,
// userinfo, non-ASCII hosts, scheme-relative or scheme-only forms) is
// refused, so a Location header built from an accepted value can never
// point elsewhere or split the response.
//
// Parsing is net/url's; the rules on top are Better Auth's trusted-origins
// semantics plus the stricter redirect checks above, which no CSRF
// library implements (Echo's CSRF middleware uses double-submit tokens,
// which Better Auth clients do not send), so they are written here and
// fuzzed.
package origin
