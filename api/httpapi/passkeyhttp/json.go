package passkeyhttp

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
)

// PasskeyJSON is Better Auth's passkey object, keys in its order.
type PasskeyJSON struct {
	ID           string  `json:"id"`
	Name         *string `json:"name"`
	PublicKey    string  `json:"publicKey"`
	UserID       string  `json:"userId"`
	CredentialID string  `json:"credentialID"`
	Counter      uint32  `json:"counter"`
	DeviceType   string  `json:"deviceType"`
	BackedUp     bool    `json:"backedUp"`
	Transports   string  `json:"transports"`
	CreatedAt    string  `json:"createdAt"`
	AAGUID       string  `json:"aaguid"`
}

// ToPasskey renders a stored passkey of personID: deviceType is
// "multiDevice" for a backup-eligible (synced) credential, "singleDevice"
// otherwise; an empty name is null.
func ToPasskey(personID string, p authenticator.Passkey) PasskeyJSON {
	kind := "singleDevice"
	if p.BackupEligible {
		kind = "multiDevice"
	}
	var name *string
	if p.Name != "" {
		name = &p.Name
	}
	return PasskeyJSON{ID: p.ID, Name: name, PublicKey: p.PublicKey, UserID: personID, CredentialID: p.CredentialID,
		Counter: p.SignCount, DeviceType: kind, BackedUp: p.BackedUp, Transports: p.Transports,
		CreatedAt: wire.ISOTime(p.CreatedAt), AAGUID: aaguidString(p.AAGUID)}
}

// aaguidString formats a base64url AAGUID in UUID form, as Better Auth
// shows it ("" when unknown).
func aaguidString(b64 string) string {
	raw, err := base64.RawURLEncoding.DecodeString(b64)
	if err != nil || len(raw) != 16 {
		return ""
	}
	h := hex.EncodeToString(raw)
	return strings.Join([]string{h[:8], h[8:12], h[12:16], h[16:20], h[20:]}, "-")
}

// requireResponse refuses a missing authenticator answer with Better
// Auth's message.
func requireResponse(response json.RawMessage) error {
	if len(response) == 0 || string(response) == "null" {
		return domain.Errorf(domain.CodeValidation, "[body.response] Invalid input: expected object, received undefined")
	}
	return nil
}

// requireID refuses a missing passkey id with Better Auth's message.
func requireID(id *string) error {
	if id == nil {
		return domain.Errorf(domain.CodeValidation, "[body.id] Invalid input: expected string, received undefined")
	}
	return nil
}
