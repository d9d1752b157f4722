package twofactor

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

const pid, ch1, ch2 = "P0000000000000000000000000000001", "C0000000000000000000000000000001", "C0000000000000000000000000000002"

func started() EnrolmentStarted {
	return EnrolmentStarted{PersonID: pid, Secret: "SECRET", BackupCodes: "h1,h2", At: t0}
}

func enabled() []domain.Event {
	return []domain.Event{started(), Enabled{PersonID: pid, Step: 100, At: t0}}
}

func rejected(n int, reason string) CodeRejected {
	return CodeRejected{PersonID: pid, Method: MethodTOTP, Reason: reason, Failures: n, At: t0}
}

func totp(step int64, matched bool, challenge string) Verify {
	return Verify{Method: MethodTOTP, Matched: matched, Step: step, ChallengeID: challenge, Lockout: DefaultLockout(), At: t0}
}

func TestDecide(t *testing.T) {
	lock := Lockout{Threshold: 3, Cooldown: time.Minute}
	three := append(enabled(), rejected(1, ReasonInvalidCode), rejected(2, ReasonInvalidCode), rejected(3, ReasonInvalidCode))
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"remove an active second factor without the password", enabled(), Remove{At: t0},
			[]domain.Event{Disabled{PersonID: pid, At: t0}}, nil},
		{"remove a pending enrolment", []domain.Event{started()}, Remove{At: t0}, []domain.Event{Disabled{PersonID: pid, At: t0}}, nil},
		{"remove when off", nil, Remove{At: t0}, nil, nil},
		{"enable", nil, Enable{PersonID: pid, PasswordOK: true, Secret: "SECRET", BackupCodes: []string{"h1", "h2"}, At: t0},
			[]domain.Event{started()}, nil},
		{"enable with a wrong password is an audit event", nil, Enable{PersonID: pid, At: t0},
			[]domain.Event{ActionRefused{PersonID: pid, Action: "enable", Reason: "invalid_password", At: t0}}, domain.ErrInvalidPassword},
		{"get uri with the right password emits nothing", enabled(), CheckPassword{PersonID: pid, Action: "get_totp_uri", PasswordOK: true}, nil, nil},
		{"enrolment verify enables", []domain.Event{started()}, Verify{Method: MethodTOTP, Matched: true, Step: 100, WithSession: true, At: t0},
			[]domain.Event{Enabled{PersonID: pid, Step: 100, At: t0}}, nil},
		{"enrolment wrong code", []domain.Event{started()}, Verify{Method: MethodTOTP, Step: 100, WithSession: true, At: t0},
			[]domain.Event{rejected(1, ReasonInvalidCode)}, ErrInvalidCode},
		{"sign-in verify before enrolment completes", []domain.Event{started()}, totp(100, true, ch1), nil, ErrTOTPNotEnabled},
		{"sign-in verify", enabled(), Verify{Method: MethodTOTP, Matched: true, Step: 101, ChallengeID: ch1, SessionID: "S1", TrustDevice: true, At: t0},
			[]domain.Event{CodeAccepted{PersonID: pid, Method: MethodTOTP, Step: 101, ChallengeID: ch1, SessionID: "S1", TrustDevice: true, At: t0}}, nil},
		{"replayed step", enabled(), totp(100, true, ch1), []domain.Event{rejected(1, ReasonReplayed)}, ErrInvalidCode},
		{"older step", enabled(), totp(99, true, ch1), []domain.Event{rejected(1, ReasonReplayed)}, ErrInvalidCode},
		{"used challenge", append(enabled(), CodeAccepted{PersonID: pid, Method: MethodTOTP, Step: 101, ChallengeID: ch1, At: t0}),
			totp(102, true, ch1), []domain.Event{rejected(1, ReasonChallengeUsed)}, ErrInvalidChallenge},
		{"locked even with a right code", three, Verify{Method: MethodTOTP, Matched: true, Step: 101, ChallengeID: ch2, Lockout: lock, At: t0},
			[]domain.Event{rejected(4, ReasonLocked)}, ErrTooManyAttempts},
		{"lock ends after the cooldown", three, Verify{Method: MethodTOTP, Matched: true, Step: 101, ChallengeID: ch2, Lockout: lock, At: t0.Add(time.Minute)},
			[]domain.Event{CodeAccepted{PersonID: pid, Method: MethodTOTP, Step: 101, ChallengeID: ch2, At: t0.Add(time.Minute)}}, nil},
		{"backup code", enabled(), Verify{Method: MethodBackupCode, BackupCode: "h2", ChallengeID: ch1, At: t0},
			[]domain.Event{CodeAccepted{PersonID: pid, Method: MethodBackupCode, BackupCode: "h2", ChallengeID: ch1, At: t0}}, nil},
		{"used backup code", append(enabled(), CodeAccepted{PersonID: pid, Method: MethodBackupCode, BackupCode: "h2", At: t0}),
			Verify{Method: MethodBackupCode, BackupCode: "h2", At: t0},
			[]domain.Event{CodeRejected{PersonID: pid, Method: MethodBackupCode, Reason: ReasonInvalidCode, Failures: 1, At: t0}}, ErrInvalidBackupCode},
		{"pending backup codes do not work", []domain.Event{started()}, Verify{Method: MethodBackupCode, BackupCode: "h1", At: t0}, nil, ErrNotEnabled},
		{"unknown method", enabled(), Verify{Method: "sms", At: t0}, nil, errUnknownCommand},
		{"generate backup codes", enabled(), GenerateBackupCodes{PersonID: pid, PasswordOK: true, BackupCodes: []string{"h3"}, At: t0},
			[]domain.Event{BackupCodesGenerated{PersonID: pid, BackupCodes: "h3", At: t0}}, nil},
		{"generate backup codes when off", nil, GenerateBackupCodes{PersonID: pid, PasswordOK: true, At: t0}, nil, ErrNotEnabled},
		{"disable", enabled(), Disable{PersonID: pid, PasswordOK: true, At: t0}, []domain.Event{Disabled{PersonID: pid, At: t0}}, nil},
		{"disable when off is a no-op", nil, Disable{PersonID: pid, PasswordOK: true, At: t0}, nil, nil},
		{"disable with a wrong password", enabled(), Disable{PersonID: pid, At: t0},
			[]domain.Event{ActionRefused{PersonID: pid, Action: "disable", Reason: "invalid_password", At: t0}}, domain.ErrInvalidPassword},
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

func TestFold(t *testing.T) {
	s := NewDecider().Fold(append(enabled(), rejected(1, ReasonInvalidCode),
		CodeAccepted{PersonID: pid, Method: MethodBackupCode, BackupCode: "h1", ChallengeID: ch1, At: t0}))
	want := State{PersonID: pid, Enabled: true, Secret: "SECRET", BackupCodes: []string{"h2"}, LastStep: 100,
		LastFailureAt: t0, TrustRevokedAt: t0, LastChallenge: ch1}
	if diff := cmp.Diff(s, want); diff != "" {
		t.Errorf("state (-got +want):\n%s", diff)
	}
	off := Evolve(s, Disabled{PersonID: pid, At: t0.Add(time.Hour)})
	if off.Enabled || off.Secret != "" || off.BackupCodes != nil || off.LastStep != 100 || !off.TrustRevokedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("after disable: %+v", off)
	}
}

func TestLockoutLimit(t *testing.T) {
	tests := []struct {
		threshold, want int
	}{{0, 10}, {-1, 10}, {5, 5}, {100, 100}, {1000, MaxThreshold}}
	for _, tt := range tests {
		if got := (Lockout{Threshold: tt.threshold}).limit(); got != tt.want {
			t.Errorf("limit(%d) = %d, want %d", tt.threshold, got, tt.want)
		}
	}
}

// TestEventsEvolve checks every event in Events() changes the state
// (ActionRefused is audit only, the documented exception).
func TestEventsEvolve(t *testing.T) {
	base := NewDecider().Fold(enabled())
	samples := map[string]domain.Event{
		TypeEnrolmentStarted:     EnrolmentStarted{Secret: "NEW", At: t0},
		TypeEnabled:              Enabled{Step: 200, At: t0.Add(time.Hour)},
		TypeCodeAccepted:         CodeAccepted{Step: 200},
		TypeCodeRejected:         rejected(1, ReasonInvalidCode),
		TypeBackupCodesGenerated: BackupCodesGenerated{BackupCodes: "h9"},
		TypeDisabled:             Disabled{At: t0.Add(time.Hour)},
		TypeActionRefused:        nil,
		TypeOTPSent:              OTPSent{ChallengeID: ch1, CodeHash: "h", ExpiresAt: t0.Add(OTPTTL)},
	}
	for _, ev := range Events() {
		s, ok := samples[ev.EventType()]
		if !ok {
			t.Fatalf("no sample for %s", ev.EventType())
		}
		if s == nil {
			continue
		}
		if cmp.Equal(Evolve(base, s), base) {
			t.Errorf("%s does not change state", ev.EventType())
		}
	}
}
