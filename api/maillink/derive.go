package maillink

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/authledger/authledger/api/token"
)

// Purposes bind a derived secret to one flow: the same mail id never
// yields a token another flow accepts.
const (
	PurposeReset  = "password-reset"
	PurposeVerify = "verify-email"
	PurposeChange = "change-email"
	PurposeDelete = "delete-user"
	PurposeOTP    = "two-factor-otp"
)

// keyPurpose derives the mail-secret key from the server secret.
const keyPurpose = "authledger mail secrets v1"

// Secrets re-creates the secret of an emailed link or code from the
// server secret and the mail id recorded in its event: the command that
// records the event and the outbox mailer that sends it after the commit
// compute the same value, so the log keeps only the secret's hash (as
// before) and no secret waits anywhere in the clear for its mail.
type Secrets struct{ key []byte }

// NewSecrets returns the derivation keyed by a purpose-bound subkey of
// secret (the server secret, the same on every node).
func NewSecrets(secret []byte) Secrets {
	h := sha256.New()
	h.Write([]byte(keyPurpose))
	h.Write([]byte{0})
	h.Write(secret)
	return Secrets{key: h.Sum(nil)}
}

// NewMailID draws the identifier of one mail (32 characters, ≈190 bits):
// not a secret, it is stored in the event.
func NewMailID(r io.Reader) (string, error) { return token.New(r) }

// mac returns HMAC-SHA256(key, purpose ‖ 0 ‖ mailID).
func (s Secrets) mac(purpose, mailID string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(mailID))
	return m.Sum(nil)
}

// Token returns the link token of mailID for purpose: 24 bytes of the
// HMAC, base64url (32 characters), the shape NewToken draws.
func (s Secrets) Token(purpose, mailID string) string {
	return base64.RawURLEncoding.EncodeToString(s.mac(purpose, mailID)[:24])
}

// Code returns the 6-digit code of mailID for purpose: 8 bytes of the
// HMAC reduced modulo 10⁶ (the bias, below 10⁻¹³, is negligible).
func (s Secrets) Code(purpose, mailID string) string {
	return fmt.Sprintf("%06d", binary.BigEndian.Uint64(s.mac(purpose, mailID)[:8])%1_000_000)
}

// New draws a mail id and returns it with its token for purpose.
func (s Secrets) New(r io.Reader, purpose string) (mailID, tok string, err error) {
	if mailID, err = NewMailID(r); err != nil {
		return "", "", err
	}
	return mailID, s.Token(purpose, mailID), nil
}
