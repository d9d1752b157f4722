package passkey

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
)

// Assertion is a parsed sign-in answer: which credential signed and the
// user handle it carries, before any check.
type Assertion struct {
	CredentialID string // unpadded base64url
	UserHandle   string // the person id registered as user.id
	parsed       *protocol.ParsedCredentialAssertionData
}

// ParseAssertion parses the JSON of the browser's PublicKeyCredential of
// a sign-in. It only decodes: FinishLogin verifies.
func ParseAssertion(response []byte) (Assertion, error) {
	p, err := protocol.ParseCredentialRequestResponseBytes(response)
	if err != nil {
		return Assertion{}, wrap(ErrAuthenticationFailed, err)
	}
	return Assertion{CredentialID: b64.EncodeToString(p.RawID), UserHandle: string(p.Response.UserHandle), parsed: p}, nil
}

// Result is a verified assertion: the credential's new counter and
// backup state (the counter rule is the aggregate's).
type Result struct {
	CredentialID string
	SignCount    uint32
	BackedUp     bool
}

// FinishLogin verifies a against the ceremony and the credentials of u,
// the person the credential id and the user handle both name: the
// challenge, the origin, the RP ID hash, the flags and the signature.
func (r *Relying) FinishLogin(c Ceremony, a Assertion, u User, now time.Time) (Result, error) {
	sd, err := c.live(now)
	if err != nil {
		return Result{}, err
	}
	if c.Registration() || a.parsed == nil {
		return Result{}, ErrChallengeNotFound
	}
	wu, err := adapt(u)
	if err != nil {
		return Result{}, err
	}
	handler := func(rawID, userHandle []byte) (webauthn.User, error) {
		if string(userHandle) != u.ID {
			return nil, errors.New("user handle does not match the credential's owner")
		}
		return wu, nil
	}
	_, cred, err := r.w.ValidatePasskeyLogin(handler, sd, a.parsed)
	if err != nil {
		return Result{}, wrap(ErrAuthenticationFailed, err)
	}
	return Result{CredentialID: b64.EncodeToString(cred.ID), SignCount: cred.Authenticator.SignCount,
		BackedUp: cred.Flags.BackupState}, nil
}

// wrap keeps the coded sentinel first (errors.Is) and go-webauthn's
// detail for logs; the API shows only the sentinel's message.
func wrap(sentinel, err error) error {
	var pe *protocol.Error
	if errors.As(err, &pe) {
		return fmt.Errorf("%w: %s: %s %s", sentinel, pe.Type, pe.Details, pe.DevInfo)
	}
	return fmt.Errorf("%w: %v", sentinel, err)
}
