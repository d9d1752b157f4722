package person

import (
	"errors"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

const aid2 = "A0000000000000000000000000000002"

func TestDecideUnlinkAccount(t *testing.T) {
	social := SignedUp{PersonID: pid, Email: "alice@example.com", Name: "Alice", Role: "user", At: t0}
	withPassword := signedUp()
	withPassword.CredentialAccountID = aid2
	second := AccountLinked{PersonID: pid, AccountID: aid2, ProviderID: "other", Subject: "sub-2", At: t0}
	unlinked := []domain.Event{AccountUnlinked{PersonID: pid, AccountID: aid, At: t0}}
	tests := []struct {
		name     string
		given    []domain.Event
		passkeys int
		then     []domain.Event
		wantErr  error
	}{
		{"a password remains", []domain.Event{withPassword, linked()}, 0, unlinked, nil},
		{"another provider remains", []domain.Event{social, linked(), second}, 0, unlinked, nil},
		{"a passkey remains", []domain.Event{social, linked()}, 1, unlinked, nil},
		{"the last way in", []domain.Event{social, linked()}, 0, nil, ErrLastAccount},
		{"an account of someone else", []domain.Event{withPassword}, 0, nil, ErrAccountNotFound},
		{"unlinked already", append([]domain.Event{withPassword, linked()}, unlinked...), 0, nil, ErrAccountNotFound},
		{"unknown person", nil, 0, nil, domain.ErrNotFound},
	}
	d := NewDecider()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Decide(d.Fold(tt.given), UnlinkAccount{AccountID: aid, Passkeys: tt.passkeys, At: t0})
			if !errors.Is(err, tt.wantErr) && !(err == nil && tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(got, tt.then); diff != "" {
				t.Errorf("events (-got +want):\n%s", diff)
			}
		})
	}
	s := d.Fold([]domain.Event{social, linked(), second, unlinked[0]})
	if len(s.Accounts) != 1 || s.Accounts[0].ID != aid2 {
		t.Errorf("accounts after the unlink = %+v, want the second only", s.Accounts)
	}
}
