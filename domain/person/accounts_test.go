package person

import (
	"errors"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

const aid = "A0000000000000000000000000000001"

func linked() AccountLinked {
	return AccountLinked{PersonID: pid, AccountID: aid, ProviderID: "hydra", Subject: "sub-1", At: t0}
}

func TestDecideLinkAccount(t *testing.T) {
	link := LinkAccount{AccountID: aid, ProviderID: "hydra", Subject: "sub-1", At: t0}
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"link", []domain.Event{signedUp()}, link, []domain.Event{linked()}, nil},
		{"link twice is a no-op", []domain.Event{signedUp(), linked()}, link, nil, nil},
		{"link to an unknown person", nil, link, nil, domain.ErrNotFound},
		{"link to an erased person", []domain.Event{signedUp(), Erased{PersonID: pid, At: t0}}, link, nil, domain.ErrNotFound},
		{"link without a subject", []domain.Event{signedUp()}, LinkAccount{AccountID: aid, ProviderID: "hydra", At: t0},
			nil, domain.Errorf(domain.CodeValidation, "")},
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
}

func TestAccountsFold(t *testing.T) {
	s := NewDecider().Fold([]domain.Event{signedUp(), linked()})
	want := []LinkedAccount{{ID: aid, ProviderID: "hydra", Subject: "sub-1", CreatedAt: t0}}
	if diff := cmp.Diff(s.Accounts, want); diff != "" {
		t.Errorf("accounts (-got +want):\n%s", diff)
	}
	if s := NewDecider().Fold([]domain.Event{signedUp(), linked(), Erased{PersonID: pid, At: t0}}); s.Accounts != nil {
		t.Errorf("an erased person keeps accounts %v", s.Accounts)
	}
}
