package account

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

const aid, pid, sid = "A0000000000000000000000000000001", "P0000000000000000000000000000001", "S0000000000000000000000000000001"

func created() Created {
	return Created{AccountID: aid, PersonID: pid, ProviderID: ProviderCredential, PasswordHash: "h1", At: t0}
}

func failed(n int, at time.Time) SignInFailed {
	return SignInFailed{AccountID: aid, PersonID: pid, Reason: "invalid_password", Failures: n, At: at}
}

func TestDecide(t *testing.T) {
	three := []domain.Event{created(), failed(1, t0), failed(2, t0), failed(3, t0)}
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"create", nil, Create{AccountID: aid, PersonID: pid, ProviderID: ProviderCredential, PasswordHash: "h1", At: t0},
			[]domain.Event{created()}, nil},
		{"create an external account", nil, Create{AccountID: aid, PersonID: pid, ProviderID: "corp", Subject: "sub-1", Linked: true, At: t0},
			[]domain.Event{Created{AccountID: aid, PersonID: pid, ProviderID: "corp", Subject: "sub-1", Linked: true, At: t0}}, nil},
		{"create twice", []domain.Event{created()}, Create{AccountID: aid}, nil, domain.Errorf(domain.CodeConflict, "")},
		{"sign in ok", []domain.Event{created()}, RecordSignIn{PasswordOK: true, SessionID: sid, At: t0},
			[]domain.Event{SignInSucceeded{AccountID: aid, PersonID: pid, SessionID: sid, At: t0}}, nil},
		{"sign in ok with rehash", []domain.Event{created()},
			RecordSignIn{PasswordOK: true, SessionID: sid, Rehash: "h2", At: t0},
			[]domain.Event{SignInSucceeded{AccountID: aid, PersonID: pid, SessionID: sid, At: t0},
				PasswordRehashed{AccountID: aid, PersonID: pid, PasswordHash: "h2", At: t0}}, nil},
		{"wrong password is an audit event", []domain.Event{created(), failed(1, t0)},
			RecordSignIn{PasswordOK: false, At: t0},
			[]domain.Event{failed(2, t0)}, domain.ErrInvalidCredentials},
		{"the account never locks sign-in (the per-address backoff does)", three,
			RecordSignIn{PasswordOK: true, SessionID: sid, At: t0.Add(time.Second)},
			[]domain.Event{SignInSucceeded{AccountID: aid, PersonID: pid, SessionID: sid, AfterFail: 3, At: t0.Add(time.Second)}}, nil},
		{"banned person with the right password", []domain.Event{created(), failed(1, t0)},
			RecordSignIn{PasswordOK: true, SessionID: sid, Banned: true, At: t0},
			[]domain.Event{SignInFailed{AccountID: aid, PersonID: pid, Reason: "banned", Failures: 1, At: t0}}, ErrBanned},
		{"banned person with a wrong password counts a failure", []domain.Event{created()},
			RecordSignIn{PasswordOK: false, Banned: true, At: t0},
			[]domain.Event{failed(1, t0)}, domain.ErrInvalidCredentials},
		{"right password with two-factor on opens no session", []domain.Event{created(), failed(1, t0)},
			RecordSignIn{PasswordOK: true, SessionID: sid, ChallengeID: "C1", At: t0},
			[]domain.Event{SecondFactorRequired{AccountID: aid, PersonID: pid, ChallengeID: "C1", AfterFail: 1, At: t0}}, nil},
		{"unknown account", nil, RecordSignIn{PasswordOK: true, At: t0}, nil, domain.ErrInvalidCredentials},
		{"change password", []domain.Event{created()}, ChangePassword{CurrentOK: true, NewHash: "h2", RevokeOtherSessions: true, At: t0},
			[]domain.Event{PasswordChanged{AccountID: aid, PersonID: pid, PasswordHash: "h2", RevokeOtherSessions: true, At: t0}}, nil},
		{"change password wrong current", []domain.Event{created()}, ChangePassword{CurrentOK: false, NewHash: "h2", At: t0},
			[]domain.Event{PasswordChangeFailed{AccountID: aid, PersonID: pid, At: t0}}, domain.ErrInvalidPassword},
		{"change password without account", nil, ChangePassword{CurrentOK: true, At: t0}, nil, domain.Errorf(domain.CodeBadRequest, "")},
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

func TestSuccessResetsFailures(t *testing.T) {
	s := NewDecider().Fold([]domain.Event{created(), failed(1, t0), failed(2, t0),
		SignInSucceeded{AccountID: aid, At: t0}})
	if s.Failures != 0 || !s.LastSignInAt.Equal(t0) {
		t.Errorf("got %+v", s)
	}
}

// TestEventsEvolve checks every event in Events() is folded (audit-only
// PasswordChangeFailed is the documented exception).
func TestEventsEvolve(t *testing.T) {
	base := NewDecider().Fold([]domain.Event{created(), failed(1, t0)})
	samples := map[string]domain.Event{
		TypeCreated:              Created{AccountID: "x", At: t0},
		TypeSignInSucceeded:      SignInSucceeded{At: t0.Add(time.Hour)},
		TypeSignInFailed:         failed(2, t0),
		TypePasswordChanged:      PasswordChanged{PasswordHash: "h9", At: t0.Add(time.Hour)},
		TypePasswordChangeFailed: nil,
		TypePasswordRehashed:     PasswordRehashed{PasswordHash: "h9"},
		TypeSecondFactorRequired: SecondFactorRequired{At: t0},
		TypePasswordResetRequested: PasswordResetRequested{TokenHash: "t", Purpose: PurposePasswordReset,
			ExpiresAt: t0.Add(time.Hour)},
		TypePasswordReset:        PasswordReset{PasswordHash: "h9", At: t0.Add(time.Hour)},
		TypePasswordVerified:     nil,
		TypeUnlinked:             Unlinked{AccountID: aid, At: t0},
		TypePasswordVerifyFailed: PasswordVerifyFailed{Failures: 2, At: t0.Add(time.Hour)},
		TypeProviderTokensStored: ProviderTokensStored{ProviderTokens: ProviderTokens{AccessToken: "a"}, At: t0},
		TypeProviderTokensRefreshed: ProviderTokensRefreshed{ProviderTokens: ProviderTokens{AccessToken: "b"},
			At: t0},
	}
	for _, ev := range Events() {
		s, ok := samples[ev.EventType()]
		if !ok {
			t.Fatalf("no sample for %s", ev.EventType())
		}
		if s == nil {
			continue // audit only: Evolve ignores it on purpose
		}
		if cmp.Equal(Evolve(base, s), base) {
			t.Errorf("%s does not change state", ev.EventType())
		}
	}
}
