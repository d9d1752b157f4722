package origin

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Checker holds the trusted origins of one deployment. Build it with New.
type Checker struct {
	// Trusted lists normalized origins ("http://127.0.0.1:3007") and
	// wildcard patterns ("*.example.com", "https://*.example.com"); the
	// first entry is the base URL's origin.
	Trusted []string
}

// New returns a Checker trusting baseURL's origin and the given origins or
// patterns. Entries are normalized; a path on an entry is ignored (only its
// origin counts, as in Better Auth). Non-http(s) entries are refused.
func New(baseURL string, trusted ...string) (Checker, error) {
	base, ok := originOf(baseURL)
	if !ok {
		return Checker{}, fmt.Errorf("origin: base URL %q is not an absolute http(s) URL", baseURL)
	}
	c := Checker{Trusted: []string{base}}
	for _, t := range trusted {
		n, err := normalizeEntry(t)
		if err != nil {
			return Checker{}, err
		}
		c.Trusted = append(c.Trusted, n)
	}
	return c, nil
}

// normalizeEntry normalizes one configured origin or wildcard pattern.
func normalizeEntry(entry string) (string, error) {
	e := strings.ToLower(strings.TrimRight(strings.TrimSpace(entry), "/"))
	if rest, ok := strings.CutPrefix(e, "*."); ok && validHost(rest) {
		return e, nil
	}
	scheme, rest, ok := strings.Cut(e, "://*.")
	if ok && (scheme == "http" || scheme == "https") {
		host, port := splitPort(rest)
		if validHost(host) && validPort(port) {
			return scheme + "://*." + joinPort(scheme, host, port), nil
		}
	}
	if strings.Contains(e, "*") {
		return "", fmt.Errorf("origin: unsupported trusted origin pattern %q (only a leading *. is)", entry)
	}
	o, ok := originOf(entry)
	if !ok {
		return "", fmt.Errorf("origin: trusted origin %q is not an absolute http(s) URL", entry)
	}
	return o, nil
}

// originOf returns the normalized origin of an absolute http(s) URL, or
// false when raw is not one that Go and browsers read alike.
func originOf(raw string) (string, bool) {
	if !safeChars(raw) {
		return "", false
	}
	lower := strings.ToLower(raw)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.User != nil || strings.Contains(u.Host, "@") {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	host, port := splitPort(strings.ToLower(u.Host))
	if !validHost(host) || !validPort(port) {
		return "", false
	}
	return scheme + "://" + joinPort(scheme, host, port), true
}

// splitPort splits "host:port" (or "[v6]:port"); port is "" when absent.
func splitPort(hostport string) (host, port string) {
	i := strings.LastIndexByte(hostport, ':')
	if i < 0 || strings.HasSuffix(hostport, "]") {
		return hostport, ""
	}
	if strings.HasPrefix(hostport, "[") && !strings.Contains(hostport[:i], "]") {
		return hostport, "" // a bare IPv6 literal without port: invalid anyway
	}
	return hostport[:i], hostport[i+1:]
}

// joinPort writes host[:port], dropping the scheme's default port.
func joinPort(scheme, host, port string) string {
	if port == "" || scheme == "http" && port == "80" || scheme == "https" && port == "443" {
		return host
	}
	n, _ := strconv.Atoi(port)
	return host + ":" + strconv.Itoa(n)
}

func validPort(p string) bool {
	if p == "" {
		return true
	}
	if len(p) > 5 {
		return false
	}
	n, err := strconv.Atoi(p)
	return err == nil && n > 0 && n <= 65535 && p[0] != '+' && p[0] != '-'
}

// validHost accepts a lower-case ASCII DNS name or IPv4 address, or a
// bracketed IPv6 literal. Anything a browser would transform (percent
// escapes, Unicode, trailing dots are kept) is refused.
func validHost(h string) bool {
	if strings.HasPrefix(h, "[") {
		inner, ok := strings.CutSuffix(h[1:], "]")
		return ok && inner != "" && strings.Trim(inner, "0123456789abcdef:.") == "" && strings.Contains(inner, ":")
	}
	if h == "" || len(h) > 253 || h[0] == '.' || h[0] == '-' || strings.Contains(h, "..") {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// safeChars refuses what browsers strip or reinterpret: ASCII and C1
// control characters, spaces, backslashes, invalid UTF-8, malformed
// percent escapes and percent-encoded control characters (%00–%1F, %7F).
func safeChars(s string) bool {
	if s == "" || len(s) > maxURLLength || !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		switch {
		case r <= 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F) || r == '\\':
			return false
		case r == '%' && (!escape(s[i:]) || encodedControl(s[i:])):
			return false
		}
	}
	return true
}

// maxURLLength bounds redirect targets and Origin/Referer values.
const maxURLLength = 2048

// escape reports whether s starts with a well-formed %XX escape.
func escape(s string) bool {
	return len(s) >= 3 && isHex(s[1]) && isHex(s[2])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f'
}

// encodedControl reports whether s starts with %00–%1F or %7F.
func encodedControl(s string) bool {
	if len(s) < 3 {
		return false
	}
	hi, lo := s[1], s[2]|0x20
	isHex := '0' <= lo && lo <= '9' || 'a' <= lo && lo <= 'f'
	return isHex && (hi == '0' || hi == '1' || hi == '7' && lo == 'f')
}

// trusted reports whether a normalized origin matches an entry.
func (c Checker) trusted(origin string) bool {
	scheme, hostport, _ := strings.Cut(origin, "://")
	for _, e := range c.Trusted {
		if e == origin || matchWildcard(e, scheme, hostport) {
			return true
		}
	}
	return false
}

// matchWildcard matches "*.suffix" (http or https, default port) and
// "scheme://*.suffix[:port]" against a normalized origin's parts.
func matchWildcard(pattern, scheme, hostport string) bool {
	if suffix, ok := strings.CutPrefix(pattern, "*."); ok {
		return (scheme == "http" || scheme == "https") && subdomainOf(hostport, suffix)
	}
	ps, rest, ok := strings.Cut(pattern, "://*.")
	if !ok || ps != scheme {
		return false
	}
	return subdomainOf(hostport, rest)
}

// subdomainOf reports whether hostport is "<label(s)>.suffix" exactly,
// suffix including any port.
func subdomainOf(hostport, suffix string) bool {
	head, ok := strings.CutSuffix(hostport, "."+suffix)
	return ok && head != "" && !strings.ContainsAny(head, ":[]")
}
