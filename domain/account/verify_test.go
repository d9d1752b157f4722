package account

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

func TestDecideVerifyPassword(t *testing.T) {
	lock := Lockout{Threshold: 3, Cooldown: 15 * time.Minute}
	three := []domain.Event{created(), failed(1, t0), failed(2, t0), failed(3, t0)} // failed sign-ins
	vfail := func(n int) PasswordVerifyFailed {
		return PasswordVerifyFailed{AccountID: aid, PersonID: pid, Reason: "invalid_password", Failures: n, At: t0}
	}
	threeVerify := []domain.Event{created(), vfail(1), vfail(2), vfail(3)}
	t1 := t0.Add(time.Minute)
	tests := []struct {
		name    string
		given   []domain.Event
		when    VerifyPassword
		then    []domain.Event
		wantErr error
	}{
		{"right password", []domain.Event{created()}, VerifyPassword{PasswordOK: true, Lockout: lock, At: t0},
			[]domain.Event{PasswordVerified{AccountID: aid, PersonID: pid, At: t0}}, nil},
		{"wrong password counts a failure", []domain.Event{created(), failed(1, t0)},
			VerifyPassword{Lockout: lock, At: t0},
			[]domain.Event{PasswordVerifyFailed{AccountID: aid, PersonID: pid, Reason: "invalid_password", Failures: 2, At: t0}},
			domain.ErrInvalidPassword},
		{"failed sign-ins do not lock it (no one can lock a person out)", three,
			VerifyPassword{PasswordOK: true, Lockout: lock, At: t1},
			[]domain.Event{PasswordVerified{AccountID: aid, PersonID: pid, At: t1}}, nil},
		{"locked after failed verifications, even with the right password", threeVerify,
			VerifyPassword{PasswordOK: true, Lockout: lock, At: t1},
			[]domain.Event{PasswordVerifyFailed{AccountID: aid, PersonID: pid, Reason: "locked", Failures: 4, At: t1}}, ErrLocked},
		{"a sign-in resets it", append(threeVerify, SignInSucceeded{AccountID: aid, PersonID: pid, SessionID: sid, At: t0}),
			VerifyPassword{PasswordOK: true, Lockout: lock, At: t1},
			[]domain.Event{PasswordVerified{AccountID: aid, PersonID: pid, At: t1}}, nil},
		{"lock ends after cooldown", threeVerify, VerifyPassword{PasswordOK: true, Lockout: lock, At: t0.Add(15 * time.Minute)},
			[]domain.Event{PasswordVerified{AccountID: aid, PersonID: pid, At: t0.Add(15 * time.Minute)}}, nil},
		{"no credential account", nil, VerifyPassword{PasswordOK: true, Lockout: lock, At: t0}, nil,
			domain.Errorf(domain.CodeBadRequest, "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decide(NewDecider().Fold(tt.given), tt.when)
			if domain.CodeOf(err) != domain.CodeOf(tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(got, tt.then); diff != "" {
				t.Errorf("events (-got +want):\n%s", diff)
			}
		})
	}
}

// TestVerifyFailuresDoNotLockSignIn checks failed verifications (a
// session holder's) lock further verifications but never sign-in: the
// account has no sign-in lock, only the per-address backoff.
func TestVerifyFailuresDoNotLockSignIn(t *testing.T) {
	lock := Lockout{Threshold: 3, Cooldown: 15 * time.Minute}
	evs := []domain.Event{created()}
	for i := 0; i < 3; i++ {
		got, _ := Decide(NewDecider().Fold(evs), VerifyPassword{Lockout: lock, At: t0})
		evs = append(evs, got...)
	}
	if _, err := Decide(NewDecider().Fold(evs), VerifyPassword{PasswordOK: true, Lockout: lock, At: t0.Add(time.Minute)}); !errors.Is(err, ErrLocked) {
		t.Fatalf("verification after 3 failed ones: %v, want locked", err)
	}
	if _, err := Decide(NewDecider().Fold(evs), RecordSignIn{PasswordOK: true, SessionID: sid, At: t0.Add(time.Minute)}); err != nil {
		t.Fatalf("sign-in after 3 failed verifications: %v, want a session", err)
	}
}
