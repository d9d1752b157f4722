package orgs

import (
	"bytes"
	"encoding/json"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
)

// metadataString validates a metadata value, a JSON object (or null or
// absent: "") of at most group.MaxMetadataLen bytes once compacted, and
// returns it compacted.
func metadataString(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] != '{' {
		return "", domain.Errorf(domain.CodeValidation, "[body.metadata] expected object")
	}
	var buf bytes.Buffer
	if len(raw) > 4*group.MaxMetadataLen {
		return "", group.ErrMetadataTooLarge
	}
	if err := json.Compact(&buf, raw); err != nil {
		return "", domain.Errorf(domain.CodeValidation, "[body.metadata] expected object")
	}
	if buf.Len() > group.MaxMetadataLen {
		return "", group.ErrMetadataTooLarge
	}
	return buf.String(), nil
}
