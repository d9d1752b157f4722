package identity

import (
	"context"

	"github.com/authledger/authledger/domain"
)

// CodeNoFieldsToUpdate answers an update-session body that names no field
// a client may set. Better Auth sends the same message without a code;
// authledger gives every error a code.
const CodeNoFieldsToUpdate domain.Code = "NO_FIELDS_TO_UPDATE"

// serverSessionFields are session fields that exist but only the server
// sets (Better Auth's input:false): naming one with a truthy value is
// refused, as Better Auth does.
var serverSessionFields = []string{"activeOrganizationId"}

// UpdateSessionInput carries the caller's update-session body, key by key.
type UpdateSessionInput struct {
	SessionInput
	Fields map[string]any
}

// UpdateSession changes the additional fields of the caller's session.
// authledger defines no additional session fields, so, like Better Auth
// configured without any, it accepts none: a server-set field with a
// truthy value is FIELD_NOT_ALLOWED, anything else is ignored and leaves
// nothing to update. Nothing is ever appended.
func (s *Service) UpdateSession(_ context.Context, in UpdateSessionInput) error {
	for _, k := range serverSessionFields {
		if v, ok := in.Fields[k]; ok && truthy(v) {
			return domain.Errorf(domain.CodeFieldNotAllowed, k+" is not allowed to be set")
		}
	}
	return domain.Errorf(CodeNoFieldsToUpdate, "No fields to update")
}

// truthy is JavaScript's truthiness of a decoded JSON value.
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case string:
		return v != ""
	case float64:
		return v != 0
	}
	return true // objects and arrays
}
