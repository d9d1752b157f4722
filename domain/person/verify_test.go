package person

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

func requested(hash string, exp time.Time) EmailVerificationRequested {
	return EmailVerificationRequested{PersonID: pid, TokenHash: hash, Email: "alice@example.com", ExpiresAt: exp, At: t0}
}

func TestDecideVerification(t *testing.T) {
	exp := t0.Add(VerifyTTL)
	verified := EmailVerified{PersonID: pid, TokenHash: "h1", Email: "alice@example.com", At: t0}
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"request binds the token to the current address", []domain.Event{signedUp()},
			RequestEmailVerification{TokenHash: "h1", ExpiresAt: exp, At: t0}, []domain.Event{requested("h1", exp)}, nil},
		{"request for an unknown person", nil, RequestEmailVerification{TokenHash: "h1", ExpiresAt: exp, At: t0},
			nil, domain.ErrNotFound},
		{"request when already verified", []domain.Event{signedUp(), verified},
			RequestEmailVerification{TokenHash: "h2", ExpiresAt: exp, At: t0}, nil, ErrEmailAlreadyVerified},
		{"request without a hash", []domain.Event{signedUp()}, RequestEmailVerification{ExpiresAt: exp, At: t0},
			nil, domain.Errorf(domain.CodeValidation, "")},
		{"request already expired", []domain.Event{signedUp()}, RequestEmailVerification{TokenHash: "h1", ExpiresAt: t0, At: t0},
			nil, domain.Errorf(domain.CodeValidation, "")},
		{"verify with the pending token", []domain.Event{signedUp(), requested("h1", exp)},
			VerifyEmail{TokenHash: "h1", At: t0.Add(time.Minute)},
			[]domain.Event{EmailVerified{PersonID: pid, TokenHash: "h1", Email: "alice@example.com", At: t0.Add(time.Minute)}}, nil},
		{"verify with a superseded token", []domain.Event{signedUp(), requested("h1", exp), requested("h2", exp)},
			VerifyEmail{TokenHash: "h1", At: t0}, nil, ErrInvalidToken},
		{"verify twice", []domain.Event{signedUp(), requested("h1", exp), verified},
			VerifyEmail{TokenHash: "h1", At: t0}, nil, ErrInvalidToken},
		{"verify after expiry", []domain.Event{signedUp(), requested("h1", exp)},
			VerifyEmail{TokenHash: "h1", At: exp}, nil, ErrTokenExpired},
		{"verify without a pending token", []domain.Event{signedUp()}, VerifyEmail{TokenHash: "", At: t0}, nil, ErrInvalidToken},
		{"verify for another address", []domain.Event{signedUp(),
			EmailVerificationRequested{PersonID: pid, TokenHash: "h1", Email: "old@example.com", ExpiresAt: exp, At: t0}},
			VerifyEmail{TokenHash: "h1", At: t0}, nil, ErrInvalidToken},
		{"verify an erased person", []domain.Event{signedUp(), requested("h1", exp), Erased{PersonID: pid, At: t0}},
			VerifyEmail{TokenHash: "h1", At: t0}, nil, ErrInvalidToken},
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

func TestVerifiedStateDropsTheToken(t *testing.T) {
	s := NewDecider().Fold([]domain.Event{signedUp(), requested("h1", t0.Add(VerifyTTL)),
		EmailVerified{PersonID: pid, TokenHash: "h1", Email: "alice@example.com", At: t0.Add(time.Minute)}})
	if !s.EmailVerified || s.VerifyTokenHash != "" || s.VerifyEmail != "" || !s.VerifyExpiresAt.IsZero() {
		t.Errorf("state = %+v, want verified with no pending token", s)
	}
}
