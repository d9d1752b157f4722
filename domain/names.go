package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameLen bounds display names of people and organizations (code points).
const MaxNameLen = 256

// MaxImageURLLen bounds image and logo URLs (bytes).
const MaxImageURLLen = 2048

// ValidName is the one validator of a display name, used by every route
// that takes one (sign-up, update-user, the admin's create-user and
// update-user, organizations, invitations): valid UTF-8, at most
// MaxNameLen code points, not blank after trimming, and without control,
// bidirectional or other invisible format characters (see ValidLabel). A
// valid name is stored as given.
func ValidName(name string) error {
	if err := ValidLabel(name, MaxNameLen); err != nil {
		return Errorf(CodeValidation, "[body.name] "+err.Error())
	}
	if strings.TrimSpace(name) == "" {
		return Errorf(CodeValidation, "[body.name] Name must not be blank")
	}
	return nil
}

// labelError is why a label was refused (the caller adds the field).
type labelError string

// Error implements error.
func (e labelError) Error() string { return string(e) }

// ValidLabel checks the characters of any human-readable label (a
// person's or organization's name, a passkey's or key's name): valid
// UTF-8, at most max code points, no control character (C0, C1) and no
// format character (Unicode category Cf: the bidirectional overrides and
// isolates U+202A–U+202E and U+2066–U+2069, U+200E/U+200F, U+061C, the
// soft hyphen, U+FEFF…) except the zero-width joiner and non-joiner that
// emoji sequences and several scripts need. A right-to-left override in a
// name reverses how the text after it is shown ("…exe.pdf"), so a label
// shown to other people must not carry one.
func ValidLabel(label string, max int) error {
	if !utf8.ValidString(label) {
		return labelError("Invalid name")
	}
	if utf8.RuneCountInString(label) > max {
		return labelError("Name is too long")
	}
	if strings.IndexFunc(label, forbiddenInLabel) >= 0 {
		return labelError("Name must not contain control or formatting characters")
	}
	return nil
}

// forbiddenInLabel reports control and format characters other than the
// zero-width joiner (U+200D) and non-joiner (U+200C).
func forbiddenInLabel(r rune) bool {
	if r == '\u200c' || r == '\u200d' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError
}

// SanitizeName turns an untrusted name from elsewhere (an identity
// provider's profile) into one ValidName accepts, or "" when nothing is
// left: invalid bytes and the characters ValidLabel forbids are dropped,
// runs of white space become one space, and the result is trimmed and cut
// to MaxNameLen code points. Names from providers are cleaned rather than
// refused: a sign-in must not fail over a display name.
func SanitizeName(name string) string {
	var b strings.Builder
	n := 0
	space := false
	for _, r := range strings.ToValidUTF8(name, "") {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if forbiddenInLabel(r) {
			continue
		}
		if space {
			if n+1 >= MaxNameLen {
				break
			}
			b.WriteByte(' ')
			n++
			space = false
		}
		if n >= MaxNameLen {
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// ValidImageURL is the one validator of a person's image and an
// organization's logo, used by every route that takes one: "" or an
// http(s) URL of at most MaxImageURLLen bytes without white space or
// control characters (no javascript: or data: URL).
func ValidImageURL(u string) error {
	if u == "" {
		return nil
	}
	lower := strings.ToLower(u)
	if len(u) > MaxImageURLLen || !(strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://")) ||
		strings.IndexFunc(u, func(r rune) bool { return unicode.IsSpace(r) || forbiddenInLabel(r) }) >= 0 {
		return Errorf(CodeValidation, "[body.image] Invalid image URL")
	}
	return nil
}

// SanitizeImageURL is u when ValidImageURL accepts it, else "": a
// provider's picture that is not a plain http(s) URL is dropped, not
// refused.
func SanitizeImageURL(u string) string {
	if ValidImageURL(u) != nil {
		return ""
	}
	return u
}
