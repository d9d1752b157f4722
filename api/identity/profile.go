package identity

import (
	"github.com/authledger/authledger/domain"
)

// ValidImage accepts nil, an empty string or an http(s) URL of bounded
// length (domain.ValidImageURL).
func ValidImage(img *string) error {
	if img == nil {
		return nil
	}
	return domain.ValidImageURL(*img)
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
