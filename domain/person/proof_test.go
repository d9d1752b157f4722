package person

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

func TestDecideProof(t *testing.T) {
	at := t0.Add(time.Hour)
	withPassword := signedUp()
	withPassword.CredentialAccountID = aid2
	verified := EmailVerified{PersonID: pid, Email: "alice@example.com", Via: ViaPasswordReset, At: at}
	pendingChange := EmailChangeRequested{PersonID: pid, TokenHash: "c", Stage: ChangeStageVerify,
		Email: "alice@example.com", NewEmail: "x@example.com", ExpiresAt: at, At: t0}
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"a reset proves an unproven address", []domain.Event{signedUp()}, ProveEmail{Via: ViaPasswordReset, At: at},
			[]domain.Event{verified}, nil},
		{"a proven address stays so", []domain.Event{signedUp(), verified}, ProveEmail{Via: ViaProvider, At: at}, nil, nil},
		{"a proof names its way", []domain.Event{signedUp()}, ProveEmail{At: at}, nil, domain.Errorf(domain.CodeValidation, "")},
		{"forget: the password and every account not kept", []domain.Event{withPassword, linked(),
			AccountLinked{PersonID: pid, AccountID: "A0000000000000000000000000000003", ProviderID: "p", Subject: "s", At: t0}},
			ForgetUnproven{Via: ViaProvider, KeepAccounts: []string{"A0000000000000000000000000000003"}, Sessions: 2, TwoFactor: true, At: at},
			[]domain.Event{AccountUnlinked{PersonID: pid, AccountID: aid2, At: at}, AccountUnlinked{PersonID: pid, AccountID: aid, At: at},
				UnprovenAccessRemoved{PersonID: pid, Via: ViaProvider, Sessions: 2, Accounts: 1, Password: true, TwoFactor: true, At: at}}, nil},
		{"forget keeps the password when told", []domain.Event{withPassword},
			ForgetUnproven{Via: ViaVerification, KeepPassword: true, Passkeys: 1, At: at},
			[]domain.Event{UnprovenAccessRemoved{PersonID: pid, Via: ViaVerification, Passkeys: 1, At: at}}, nil},
		{"forget voids a pending change-email link", []domain.Event{withPassword, pendingChange},
			ForgetUnproven{Via: ViaPasswordReset, KeepPassword: true, At: at},
			[]domain.Event{UnprovenAccessRemoved{PersonID: pid, Via: ViaPasswordReset, Change: true, At: at}}, nil},
		{"nothing to forget", []domain.Event{withPassword}, ForgetUnproven{Via: ViaVerification, KeepPassword: true, At: at}, nil, nil},
		{"add a credential", []domain.Event{signedUp()}, AddCredential{AccountID: pid, At: at},
			[]domain.Event{CredentialAdded{PersonID: pid, AccountID: pid, At: at}}, nil},
		{"add the same credential again", []domain.Event{withPassword}, AddCredential{AccountID: aid2, At: at}, nil, nil},
		{"add a second credential", []domain.Event{withPassword}, AddCredential{AccountID: pid, At: at}, nil,
			domain.Errorf(domain.CodeConflict, "")},
		{"unlink the password when a provider remains", []domain.Event{withPassword, linked()},
			UnlinkAccount{AccountID: aid2, At: at}, []domain.Event{AccountUnlinked{PersonID: pid, AccountID: aid2, At: at}}, nil},
		{"the password is the last way in", []domain.Event{withPassword}, UnlinkAccount{AccountID: aid2, At: at}, nil, ErrLastAccount},
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
	s := d.Fold([]domain.Event{withPassword, pendingChange, AccountUnlinked{PersonID: pid, AccountID: aid2, At: at},
		UnprovenAccessRemoved{PersonID: pid, Via: ViaProvider, Password: true, Change: true, At: at}})
	if s.CredentialAccountID != "" || s.ChangeTokenHash != "" {
		t.Errorf("after the removal: credential %q, change link %q; want neither", s.CredentialAccountID, s.ChangeTokenHash)
	}
}
