package orgs

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/authledger/authledger/domain"
)

// maxNameLen bounds organization names (code points), like user names.
const maxNameLen = 256

// maxSlugLen bounds slugs (bytes).
const maxSlugLen = 128

// validName rejects control characters and over-long names; the name is
// stored as given otherwise.
func validName(name string) error {
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > maxNameLen {
		return domain.Errorf(domain.CodeValidation, "[body.name] Invalid name")
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return domain.Errorf(domain.CodeValidation, "[body.name] Name must not contain control characters")
		}
	}
	return nil
}

// validSlug accepts a non-blank slug of printable characters without
// spaces, at most maxSlugLen bytes.
func validSlug(slug string) error {
	if slug == "" || len(slug) > maxSlugLen || !utf8.ValidString(slug) ||
		strings.IndexFunc(slug, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }) >= 0 {
		return domain.Errorf(domain.CodeValidation, "[body.slug] Invalid slug")
	}
	return nil
}

// validLogo accepts an empty string or an http(s) URL of bounded length
// (the same rule, and message, as a user's image).
func validLogo(logo string) error {
	if logo == "" {
		return nil
	}
	if len(logo) > 2048 || !(strings.HasPrefix(logo, "https://") || strings.HasPrefix(logo, "http://")) ||
		strings.ContainsAny(logo, "\r\n\t \x00") {
		return domain.Errorf(domain.CodeValidation, "[body.image] Invalid image URL")
	}
	return nil
}

// metadataString validates a metadata value, a JSON object (or null or
// absent: ""), and returns it compacted.
func metadataString(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] != '{' {
		return "", domain.Errorf(domain.CodeValidation, "[body.metadata] expected object")
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return "", domain.Errorf(domain.CodeValidation, "[body.metadata] expected object")
	}
	return buf.String(), nil
}
