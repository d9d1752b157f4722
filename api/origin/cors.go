package origin

import "strings"

// AllowsCORS reports whether an Origin request header names a trusted
// origin, so a cross-origin browser call from it may read the answer and
// send credentials (CORS). Only a serialized origin qualifies: no path,
// query or fragment, and never "null" (sandboxed frames, file: pages and
// redirects across origins send it).
func (c Checker) AllowsCORS(header string) bool {
	if header == "" || header == "null" {
		return false
	}
	scheme, rest, ok := strings.Cut(header, "://")
	if !ok || scheme == "" || strings.ContainsAny(rest, "/?#") {
		return false
	}
	o, ok := originOf(header)
	return ok && c.trusted(o)
}
