package orgs

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/authledger/authledger/domain"
)

// maxSlugLen bounds slugs (bytes).
const maxSlugLen = 128

// validSlug accepts a non-blank slug of printable characters without
// spaces, at most maxSlugLen bytes.
func validSlug(slug string) error {
	if slug == "" || len(slug) > maxSlugLen || !utf8.ValidString(slug) ||
		strings.IndexFunc(slug, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }) >= 0 {
		return domain.Errorf(domain.CodeValidation, "[body.slug] Invalid slug")
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
