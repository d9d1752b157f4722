package wire

import (
	"slices"
	"strings"

	"github.com/authledger/authledger/domain"
)

// Codes the HTTP layer itself adds to the domain's.
const (
	CodeFailedToGetSession   domain.Code = "FAILED_TO_GET_SESSION"
	CodePayloadTooLarge      domain.Code = "PAYLOAD_TOO_LARGE"
	CodeUnsupportedMediaType domain.Code = "UNSUPPORTED_MEDIA_TYPE"
)

// RequireStrings reports missing required string fields the way Better
// Auth's validator does: "[body.x] Invalid input: expected string,
// received undefined", joined with "; ": name, email, password,
// currentPassword, newPassword first (Better Auth's order), then the rest
// by name.
func RequireStrings(fields map[string]*string) error {
	order := []string{"name", "email", "password", "currentPassword", "newPassword"}
	var rest []string
	for k := range fields {
		if !slices.Contains(order, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	var msgs []string
	for _, k := range append(order, rest...) {
		if v, listed := fields[k]; listed && v == nil {
			msgs = append(msgs, "[body."+k+"] Invalid input: expected string, received undefined")
		}
	}
	if len(msgs) > 0 {
		return domain.Errorf(domain.CodeValidation, strings.Join(msgs, "; "))
	}
	return nil
}

// Deref returns *p, or "" for nil.
func Deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
