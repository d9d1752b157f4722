package group

import (
	"strings"

	"github.com/authledger/authledger/domain"
)

// MaxSlugLen bounds an organization slug (bytes; a slug is ASCII).
const MaxSlugLen = 64

// MaxMetadataLen bounds an organization's metadata (bytes of compact
// JSON).
const MaxMetadataLen = 16 << 10

// ErrInvalidSlug: a slug outside the syntax CanonicalSlug accepts.
var ErrInvalidSlug = domain.Errorf(domain.CodeValidation,
	"[body.slug] Invalid slug: 1 to 64 letters, digits, '-' or '_', starting and ending with a letter or digit")

// ErrMetadataTooLarge: metadata over MaxMetadataLen.
var ErrMetadataTooLarge = domain.Errorf(domain.CodeValidation, "[body.metadata] Metadata is too large (at most 16 KiB)")

// CanonicalSlug returns the canonical form of an organization slug or
// ErrInvalidSlug. The syntax is 1 to MaxSlugLen ASCII letters, digits,
// '-' and '_', beginning and ending with a letter or digit (no '.', '/',
// '%' or white space: a slug lands in URLs and paths). The canonical form
// is lower case, so "ORGB-x" and "orgb-x" are one slug: the slug claim,
// the stored slug and every look-up by slug use the canonical form.
func CanonicalSlug(slug string) (string, error) {
	if slug == "" || len(slug) > MaxSlugLen {
		return "", ErrInvalidSlug
	}
	for i := 0; i < len(slug); i++ {
		c := slug[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum && (c != '-' && c != '_' || i == 0 || i == len(slug)-1) {
			return "", ErrInvalidSlug
		}
	}
	return strings.ToLower(slug), nil
}

// validSlug accepts only a slug already in canonical form (the decider's
// guard: use cases canonicalize before they decide).
func validSlug(slug string) error {
	c, err := CanonicalSlug(slug)
	if err != nil || c != slug {
		return ErrInvalidSlug
	}
	return nil
}
