package httpapi

import (
	"encoding/base64"
	"strings"
	"time"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
)

// passkeyJSON is Better Auth's passkey object.
type passkeyJSON struct {
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

// toPasskey renders a stored passkey: deviceType is "multiDevice" for a
// backup-eligible (synced) credential, "singleDevice" otherwise.
func toPasskey(personID string, p authenticator.Passkey) passkeyJSON {
	kind := "singleDevice"
	if p.BackupEligible {
		kind = "multiDevice"
	}
	var name *string
	if p.Name != "" {
		name = &p.Name
	}
	return passkeyJSON{ID: p.ID, Name: name, PublicKey: p.PublicKey, UserID: personID, CredentialID: p.CredentialID,
		Counter: p.SignCount, DeviceType: kind, BackedUp: p.BackedUp, Transports: p.Transports,
		CreatedAt: wire.ISOTime(p.CreatedAt), AAGUID: aaguidString(p.AAGUID)}
}

// passkeyOf is the aggregate's passkey for a verified credential.
func passkeyOf(id, name string, s passkey.Stored, at time.Time) authenticator.Passkey {
	return authenticator.Passkey{ID: id, Name: name, CredentialID: s.CredentialID, PublicKey: s.PublicKey,
		AttestationType: s.AttestationType, AAGUID: s.AAGUID, SignCount: s.SignCount, Transports: s.Transports,
		UserVerified: s.UserVerified, BackupEligible: s.BackupEligible, BackedUp: s.BackedUp, CreatedAt: at}
}

// aaguidString formats a base64url AAGUID in UUID form, as Better Auth
// shows it ("" when unknown).
func aaguidString(b64 string) string {
	raw, err := base64.RawURLEncoding.DecodeString(b64)
	if err != nil || len(raw) != 16 {
		return ""
	}
	h := hexString(raw)
	return strings.Join([]string{h[:8], h[8:12], h[12:16], h[16:20], h[20:]}, "-")
}
