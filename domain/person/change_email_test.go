package person

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

func changeRequested(hash, stage string, exp time.Time) EmailChangeRequested {
	return EmailChangeRequested{PersonID: pid, TokenHash: hash, Stage: stage, Email: "alice@example.com",
		NewEmail: "new@example.com", ExpiresAt: exp, At: t0}
}

func TestDecideEmailChange(t *testing.T) {
	exp := t0.Add(VerifyTTL)
	verified := EmailVerified{PersonID: pid, TokenHash: "v", Email: "alice@example.com", At: t0}
	changed := EmailChanged{PersonID: pid, TokenHash: "h2", OldEmail: "alice@example.com", NewEmail: "new@example.com", At: t0}
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"unverified: the new address proves it", []domain.Event{signedUp()},
			RequestEmailChange{TokenHash: "h1", NewEmail: "new@example.com", Stage: ChangeStageVerify, ExpiresAt: exp, At: t0},
			[]domain.Event{changeRequested("h1", ChangeStageVerify, exp)}, nil},
		{"verified: the current address approves first", []domain.Event{signedUp(), verified},
			RequestEmailChange{TokenHash: "h1", NewEmail: "new@example.com", Stage: ChangeStageConfirm, ExpiresAt: exp, At: t0},
			[]domain.Event{changeRequested("h1", ChangeStageConfirm, exp)}, nil},
		{"no approval stage for an unverified address", []domain.Event{signedUp()},
			RequestEmailChange{TokenHash: "h1", NewEmail: "new@example.com", Stage: ChangeStageConfirm, ExpiresAt: exp, At: t0},
			nil, domain.Errorf(domain.CodeValidation, "")},
		{"same address", []domain.Event{signedUp()},
			RequestEmailChange{TokenHash: "h1", NewEmail: "alice@example.com", Stage: ChangeStageVerify, ExpiresAt: exp, At: t0},
			nil, ErrEmailIsTheSame},
		{"unknown person", nil, RequestEmailChange{TokenHash: "h1", NewEmail: "n@example.com", Stage: ChangeStageVerify, ExpiresAt: exp, At: t0},
			nil, domain.ErrNotFound},
		{"approval mails the new address", []domain.Event{signedUp(), verified, changeRequested("h1", ChangeStageConfirm, exp)},
			ConfirmEmailChange{TokenHash: "h1", NextTokenHash: "h2", ExpiresAt: exp, At: t0},
			[]domain.Event{changeRequested("h2", ChangeStageVerify, exp)}, nil},
		{"approval link used as proof", []domain.Event{signedUp(), verified, changeRequested("h1", ChangeStageConfirm, exp)},
			ChangeEmail{TokenHash: "h1", At: t0}, nil, ErrInvalidToken},
		{"proof link used as approval", []domain.Event{signedUp(), changeRequested("h1", ChangeStageVerify, exp)},
			ConfirmEmailChange{TokenHash: "h1", NextTokenHash: "h2", ExpiresAt: exp, At: t0}, nil, ErrInvalidToken},
		{"proof moves the address", []domain.Event{signedUp(), changeRequested("h2", ChangeStageVerify, exp)},
			ChangeEmail{TokenHash: "h2", At: t0}, []domain.Event{changed}, nil},
		{"proof twice", []domain.Event{signedUp(), changeRequested("h2", ChangeStageVerify, exp), changed},
			ChangeEmail{TokenHash: "h2", At: t0}, nil, ErrInvalidToken},
		{"proof after expiry", []domain.Event{signedUp(), changeRequested("h2", ChangeStageVerify, exp)},
			ChangeEmail{TokenHash: "h2", At: exp}, nil, ErrTokenExpired},
		{"superseded link", []domain.Event{signedUp(), changeRequested("h1", ChangeStageVerify, exp), changeRequested("h3", ChangeStageVerify, exp)},
			ChangeEmail{TokenHash: "h1", At: t0}, nil, ErrInvalidToken},
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

func TestChangedStateIsVerifiedWithNoPendingLink(t *testing.T) {
	s := NewDecider().Fold([]domain.Event{signedUp(), changeRequested("h", ChangeStageVerify, t0.Add(time.Hour)),
		EmailChanged{PersonID: pid, TokenHash: "h", OldEmail: "alice@example.com", NewEmail: "new@example.com", At: t0}})
	if s.Email != "new@example.com" || !s.EmailVerified || s.ChangeTokenHash != "" || s.ChangeTo != "" {
		t.Errorf("state = %+v", s)
	}
}
