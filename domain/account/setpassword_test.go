package account

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

// TestSetPassword: a person without a password gets a set-password token
// on an account stream with no live account (new, or whose credential
// account was unlinked); the reset creates the credential account; the
// same token rules hold.
func TestSetPassword(t *testing.T) {
	const acc, per = "A0000000000000000000000000000009", "P0000000000000000000000000000009"
	tok := HashResetToken("tok-1")
	req := RequestPasswordSet{AccountID: acc, PersonID: per, TokenHash: tok, Purpose: PurposePasswordReset,
		ExpiresAt: t0.Add(ResetTTL), At: t0}
	issued := PasswordResetRequested{AccountID: acc, PersonID: per, TokenHash: tok, Purpose: PurposePasswordReset,
		ExpiresAt: t0.Add(ResetTTL), At: t0}
	unlinked := []domain.Event{Created{AccountID: acc, PersonID: per, ProviderID: ProviderCredential, PasswordHash: "h0", At: t0},
		Unlinked{AccountID: acc, PersonID: per, ProviderID: ProviderCredential, At: t0}}
	at := t0.Add(time.Minute)
	reset := ResetPassword{TokenHash: tok, Purpose: PurposePasswordReset, NewHash: "h1", At: at}
	set := []domain.Event{Created{AccountID: acc, PersonID: per, ProviderID: ProviderCredential, PasswordHash: "h1", At: at},
		PasswordReset{AccountID: acc, PersonID: per, TokenHash: tok, PasswordHash: "h1", At: at}}
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"request on a new stream", nil, req, []domain.Event{issued}, nil},
		{"request after the password was unlinked", unlinked, req, []domain.Event{issued}, nil},
		{"request where a password exists", unlinked[:1], req, nil, domain.Errorf(domain.CodeConflict, "")},
		{"request of another purpose", nil, RequestPasswordSet{AccountID: acc, PersonID: per, TokenHash: tok, Purpose: "x",
			ExpiresAt: t0.Add(ResetTTL), At: t0}, nil, domain.Errorf(domain.CodeValidation, "")},
		{"the link creates the credential account", []domain.Event{issued}, reset, set, nil},
		{"the link works once", append([]domain.Event{issued}, set...), reset, nil, ErrInvalidToken},
		{"the link expires", []domain.Event{issued}, ResetPassword{TokenHash: tok, Purpose: PurposePasswordReset, NewHash: "h1",
			At: t0.Add(ResetTTL)}, nil, ErrInvalidToken},
		{"an unlink voids a pending reset link", append(unlinked[:1:1], issued, unlinked[1]), reset, nil, ErrInvalidToken},
	}
	d := NewDecider()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Decide(d.Fold(tt.given), tt.when)
			if !errors.Is(err, tt.wantErr) && !(err == nil && tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(got, tt.then); diff != "" {
				t.Errorf("events (-got +want):\n%s", diff)
			}
		})
	}
	if s := d.Fold(append([]domain.Event{issued}, set...)); !s.Exists || s.PasswordHash != "h1" || s.ResetTokenHash != "" {
		t.Errorf("state after set-password = %+v", s)
	}
}
