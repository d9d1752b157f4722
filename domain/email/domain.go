package email

import (
	"strings"

	"golang.org/x/net/idna"
)

// canonicalDomain converts a domain to lower-case ASCII (IDNA lookup
// profile) and checks its label structure.
func canonicalDomain(dom string) (string, error) {
	if dom == "" {
		return "", invalid("empty domain")
	}
	ascii, err := idna.Lookup.ToASCII(dom)
	if err != nil {
		return "", invalid("domain is not a valid internationalized name")
	}
	ascii = strings.ToLower(ascii)
	// Some mappings (U+2135 ALEF SYMBOL → Hebrew alef) produce labels that
	// the lookup profile itself refuses to read back; requiring a fixed
	// point keeps Canonicalize idempotent.
	if again, err := idna.Lookup.ToASCII(ascii); err != nil || again != ascii {
		return "", invalid("domain does not map to a stable internationalized name")
	}
	if len(ascii) > maxDomain {
		return "", invalid("domain longer than %d bytes", maxDomain)
	}
	labels := strings.Split(ascii, ".")
	if len(labels) < 2 {
		return "", invalid("domain needs at least two labels")
	}
	for _, l := range labels {
		if !validLabel(l) {
			return "", invalid("domain label %q is not valid", l)
		}
	}
	if allDigits(labels[len(labels)-1]) {
		return "", invalid("top-level domain is numeric")
	}
	return ascii, nil
}

// validLabel reports whether l is 1..63 of [a-z0-9-] not starting or
// ending with a hyphen.
func validLabel(l string) bool {
	if l == "" || len(l) > maxLabel || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
