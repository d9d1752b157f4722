package account

import (
	"errors"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

func external() Created {
	return Created{AccountID: aid, PersonID: pid, ProviderID: "hydra", Subject: "sub-1", At: t0}
}

func TestDecideUnlink(t *testing.T) {
	unlinked := Unlinked{AccountID: aid, PersonID: pid, ProviderID: "hydra", At: t0}
	tests := []struct {
		name    string
		given   []domain.Event
		then    []domain.Event
		wantErr error
	}{
		{"unlink an external account", []domain.Event{external()}, []domain.Event{unlinked}, nil},
		{"unlink twice", []domain.Event{external(), unlinked}, nil, ErrAccountNotFound},
		{"unlink an unknown account", nil, nil, ErrAccountNotFound},
		{"unlink the credential account (its password)", []domain.Event{created()},
			[]domain.Event{Unlinked{AccountID: aid, PersonID: pid, ProviderID: ProviderCredential, At: t0}}, nil},
	}
	d := NewDecider()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Decide(d.Fold(tt.given), Unlink{At: t0})
			if !errors.Is(err, tt.wantErr) && !(err == nil && tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(got, tt.then); diff != "" {
				t.Errorf("events (-got +want):\n%s", diff)
			}
		})
	}
}
