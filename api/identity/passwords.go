package identity

import (
	"context"
	"unicode/utf8"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/person"
)

// Passwords checks passwords against a person's credential account,
// decided from the account stream (never a projection): what sign-in,
// password change, password reset and the password-protected two-factor
// actions share.
type Passwords struct {
	app    *app.App
	policy password.Policy
}

// NewPasswords returns the password checks under policy.
func NewPasswords(a *app.App, policy password.Policy) *Passwords {
	return &Passwords{app: a, policy: policy}
}

// CheckMax rejects an over-long password before any hashing.
func (p *Passwords) CheckMax(pw string) error {
	maxBytes, maxLen := p.policy.MaxBytes, p.policy.MaxLength
	if maxBytes == 0 {
		maxBytes = 1024
	}
	if maxLen == 0 {
		maxLen = 128
	}
	if len(pw) > maxBytes || utf8.RuneCountInString(pw) > maxLen {
		return domain.ErrPasswordTooLong
	}
	return nil
}

// Matches verifies a person's password. Without a credential account a
// dummy hash keeps the timing and the answer is false.
func (p *Passwords) Matches(ctx context.Context, personID, pw string) (bool, error) {
	pers, _, err := app.Load(ctx, p.app, person.NewDecider(), domain.PersonStream(personID))
	if err != nil {
		return false, err
	}
	if pers.CredentialAccountID == "" {
		return false, p.app.Hasher.VerifyDummy(ctx, pw)
	}
	st, _, err := app.Load(ctx, p.app, account.NewDecider(), account.Stream(pers.CredentialAccountID))
	if err != nil {
		return false, err
	}
	if st.PasswordHash == "" {
		return false, p.app.Hasher.VerifyDummy(ctx, pw)
	}
	ok, _, err := p.app.Hasher.Verify(ctx, pw, st.PasswordHash)
	return ok, err
}
