package person

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

func TestDecideDeletion(t *testing.T) {
	exp := t0.Add(DeleteTTL)
	requested := DeletionRequested{PersonID: pid, TokenHash: "d1", ExpiresAt: exp, At: t0}
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"request", []domain.Event{signedUp()}, RequestDeletion{TokenHash: "d1", ExpiresAt: exp, At: t0}, []domain.Event{requested}, nil},
		{"unknown person", nil, RequestDeletion{TokenHash: "d1", ExpiresAt: exp, At: t0}, nil, domain.ErrNotFound},
		{"no hash", []domain.Event{signedUp()}, RequestDeletion{ExpiresAt: exp, At: t0}, nil, domain.Errorf(domain.CodeValidation, "")},
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

func TestCheckDeletionToken(t *testing.T) {
	d := NewDecider()
	st := d.Fold([]domain.Event{signedUp(), DeletionRequested{PersonID: pid, TokenHash: "d2", ExpiresAt: t0.Add(DeleteTTL), At: t0}})
	for _, tt := range []struct {
		name string
		s    State
		hash string
		at   time.Time
		want error
	}{
		{"pending", st, "d2", t0.Add(time.Hour), nil},
		{"other hash", st, "d1", t0, ErrInvalidToken},
		{"expired", st, "d2", t0.Add(DeleteTTL), ErrInvalidToken},
		{"erased", d.Fold([]domain.Event{signedUp(), Erased{PersonID: pid, At: t0}}), "d2", t0, ErrInvalidToken},
	} {
		if err := CheckDeletionToken(tt.s, tt.hash, tt.at); !errors.Is(err, tt.want) && !(err == nil && tt.want == nil) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
}
