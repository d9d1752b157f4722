package identity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/authledger/authledger/domain"
)

// MaxNameLen bounds display names (code points).
const MaxNameLen = 256

// ValidName rejects invalid UTF-8, control characters and over-long names;
// the name is stored as given otherwise.
func ValidName(name string) error {
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxNameLen {
		return domain.Errorf(domain.CodeValidation, "[body.name] Invalid name")
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return domain.Errorf(domain.CodeValidation, "[body.name] Name must not contain control characters")
		}
	}
	return nil
}

// ValidImage accepts nil, an empty string or an http(s) URL of bounded
// length.
func ValidImage(img *string) error {
	if img == nil || *img == "" {
		return nil
	}
	if len(*img) > 2048 || !(strings.HasPrefix(*img, "https://") || strings.HasPrefix(*img, "http://")) ||
		strings.ContainsAny(*img, "\r\n\t \x00") {
		return domain.Errorf(domain.CodeValidation, "[body.image] Invalid image URL")
	}
	return nil
}

// withoutRole returns the fields without the platform role, which is
// stored apart.
func withoutRole(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != "role" {
			out[k] = v
		}
	}
	return out
}
