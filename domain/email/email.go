// Package email canonicalizes email addresses so that one mailbox has one
// spelling everywhere it is looked up: sign-up, sign-in, password reset and
// the uniqueness claim. It rejects addresses that could inject mail headers
// or confuse a parser rather than trying to repair them.
//
// Unicode normalization and IDNA are golang.org/x/text and x/net/idna; the
// policy is ours. net/mail.ParseAddress is not used because it accepts
// what an account address must not have (display names, comments, quoted
// local parts, obsolete forms), and answers nothing about one canonical
// spelling per mailbox.
package email

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/authledger/authledger/domain"
)

// Length limits in bytes (RFC 5321 §4.5.3.1 as corrected by RFC errata 1690).
const (
	MaxLength      = 254
	MaxLocalLength = 64
	maxDomain      = 253
	maxLabel       = 63
)

// Canonicalize returns the one canonical spelling of an email address, or an
// error wrapping domain.ErrInvalidEmail.
//
// The rule:
//   - The input must be valid UTF-8 of at most 254 bytes with exactly one '@'
//     and non-empty parts, and contain no control or format characters (CR,
//     LF, NUL, tab, bidi overrides, zero-width joiners), no white space, and
//     none of the RFC 5322 specials ( ) < > [ ] : ; \ , " (so no quoted local
//     parts, display names or address lists). The apostrophe stays legal.
//   - Domain: IDNA (UTS #46 lookup profile, idna.Lookup.ToASCII), then
//     lower-case. It must be at least two dot-separated labels of 1..63
//     letters, digits or inner hyphens, 253 bytes at most, with a TLD that
//     is not all digits (so no IP addresses and no trailing dot).
//   - Local part: NFKC, then strings.ToLower, then NFC. NFKC folds
//     compatibility forms to their plain letters, so the Kelvin sign
//     ("\u212Aate") becomes "kate" and full-width "ａ" becomes "a"; while the
//     dotless "ı" (U+0131), "ß" and Cyrillic look-alikes such as "а" (U+0430)
//     stay distinct letters, so those addresses stay distinct accounts.
//   - After canonicalization the local part is checked again (the same
//     characters, no leading, trailing or doubled dot, at most 64 bytes) and
//     the whole address must still fit in 254 bytes.
//
// Canonicalize is idempotent: canonical addresses map to themselves.
func Canonicalize(s string) (string, error) {
	if err := checkRaw(s); err != nil {
		return "", err
	}
	at := strings.IndexByte(s, '@')
	local, dom := s[:at], s[at+1:]
	if err := checkLocal(local); err != nil {
		return "", err
	}
	dom, err := canonicalDomain(dom)
	if err != nil {
		return "", err
	}
	local = norm.NFC.String(strings.ToLower(norm.NFKC.String(local)))
	if err := checkLocal(local); err != nil {
		return "", err
	}
	out := local + "@" + dom
	if len(out) > MaxLength {
		return "", invalid("address longer than %d bytes", MaxLength)
	}
	return out, nil
}

// LocalPart returns the part before the '@' of a canonical address.
func LocalPart(canonical string) string {
	if i := strings.LastIndexByte(canonical, '@'); i >= 0 {
		return canonical[:i]
	}
	return canonical
}

// checkRaw applies the whole-address checks to the input as given.
func checkRaw(s string) error {
	switch {
	case s == "":
		return invalid("empty address")
	case len(s) > MaxLength:
		return invalid("address longer than %d bytes", MaxLength)
	case !utf8.ValidString(s):
		return invalid("address is not valid UTF-8")
	case strings.Count(s, "@") != 1:
		return invalid("address must contain exactly one '@'")
	}
	for _, r := range s {
		if err := checkRune(r); err != nil {
			return err
		}
	}
	return nil
}

// checkRune rejects characters that are never part of an address.
func checkRune(r rune) error {
	switch {
	case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		return invalid("control or format character %U", r)
	case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
		return invalid("white space")
	case strings.ContainsRune(`()<>[]:;\,"`, r):
		return invalid("character %q is not allowed", r)
	case r == utf8.RuneError:
		return invalid("address is not valid UTF-8")
	}
	return nil
}

// checkLocal checks a local part's length, characters and dots.
func checkLocal(local string) error {
	switch {
	case local == "":
		return invalid("empty local part")
	case len(local) > MaxLocalLength:
		return invalid("local part longer than %d bytes", MaxLocalLength)
	case strings.HasPrefix(local, ".") || strings.HasSuffix(local, "."):
		return invalid("local part starts or ends with a dot")
	case strings.Contains(local, ".."):
		return invalid("local part contains two dots in a row")
	case strings.ContainsRune(local, '@'):
		return invalid("address must contain exactly one '@'")
	}
	for _, r := range local {
		if err := checkRune(r); err != nil {
			return err
		}
	}
	return nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{domain.ErrInvalidEmail}, args...)...)
}
