package twofactor

import (
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

func sent(challenge, code string) OTPSent {
	return OTPSent{PersonID: pid, ChallengeID: challenge, CodeHash: HashOTP(code), ExpiresAt: t0.Add(OTPTTL), At: t0}
}

func otp(code, challenge string, at time.Time) Verify {
	return Verify{Method: MethodOTP, CodeHash: HashOTP(code), ChallengeID: challenge, SessionID: "S1",
		Lockout: Lockout{Threshold: 100, Cooldown: time.Minute}, At: at}
}

func otpRejected(n int, reason string) CodeRejected {
	return CodeRejected{PersonID: pid, Method: MethodOTP, Reason: reason, Failures: n, At: t0}
}

func TestDecideOTP(t *testing.T) {
	withCode := append(enabled(), sent(ch1, "123456"))
	wrongs := func(n int) []domain.Event {
		evs := append([]domain.Event{}, withCode...)
		for i := 1; i <= n; i++ {
			evs = append(evs, otpRejected(i, ReasonInvalidCode))
		}
		return evs
	}
	locked := otp("123456", ch1, t0)
	locked.Lockout.Threshold = 3
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"send for a pending sign-in", enabled(), SendOTP{ChallengeID: ch1, CodeHash: HashOTP("123456"), ExpiresAt: t0.Add(OTPTTL), At: t0},
			[]domain.Event{sent(ch1, "123456")}, nil},
		{"send without two-factor", nil, SendOTP{ChallengeID: ch1, At: t0}, nil, ErrNotEnabled},
		{"send for a completed sign-in", append(enabled(), CodeAccepted{PersonID: pid, Method: MethodTOTP, ChallengeID: ch1, Step: 101}),
			SendOTP{ChallengeID: ch1, At: t0}, nil, ErrInvalidChallenge},
		{"right code completes the sign-in", withCode, otp("123456", ch1, t0.Add(time.Minute)),
			[]domain.Event{CodeAccepted{PersonID: pid, Method: MethodOTP, ChallengeID: ch1, SessionID: "S1", At: t0.Add(time.Minute)}}, nil},
		{"wrong code is counted", withCode, otp("654321", ch1, t0),
			[]domain.Event{otpRejected(1, ReasonInvalidCode)}, ErrInvalidCode},
		{"expired code", withCode, otp("123456", ch1, t0.Add(OTPTTL)),
			[]domain.Event{CodeRejected{PersonID: pid, Method: MethodOTP, Reason: ReasonOTPExpired, Failures: 1, At: t0.Add(OTPTTL)}}, ErrOTPExpired},
		{"no code sent", enabled(), otp("123456", ch1, t0), []domain.Event{otpRejected(1, ReasonOTPExpired)}, ErrOTPExpired},
		{"code of another sign-in", withCode, otp("123456", ch2, t0), []domain.Event{otpRejected(1, ReasonOTPExpired)}, ErrOTPExpired},
		{"used code", append(withCode, CodeAccepted{PersonID: pid, Method: MethodOTP, ChallengeID: ch1}), otp("123456", ch1, t0),
			[]domain.Event{otpRejected(1, ReasonChallengeUsed)}, ErrInvalidChallenge},
		{"guesses spent", wrongs(OTPAttempts), otp("123456", ch1, t0),
			[]domain.Event{otpRejected(OTPAttempts+1, ReasonOTPAttempts)}, ErrOTPAttempts},
		{"a new code resets the guesses", append(wrongs(OTPAttempts), sent(ch1, "123456")), otp("123456", ch1, t0),
			[]domain.Event{CodeAccepted{PersonID: pid, Method: MethodOTP, ChallengeID: ch1, SessionID: "S1", At: t0}}, nil},
		{"locked like TOTP", wrongs(3), locked, []domain.Event{otpRejected(4, ReasonLocked)}, ErrTooManyAttempts},
		{"a resent code does not reset the lockout", append(wrongs(3), sent(ch1, "123456")), locked,
			[]domain.Event{otpRejected(4, ReasonLocked)}, ErrTooManyAttempts},
		{"TOTP failures lock emailed codes too", append(enabled(), rejected(1, ReasonInvalidCode), rejected(2, ReasonInvalidCode),
			rejected(3, ReasonInvalidCode), sent(ch1, "123456")), locked, []domain.Event{otpRejected(4, ReasonLocked)}, ErrTooManyAttempts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decide(NewDecider().Fold(tt.given), tt.when)
			if domain.CodeOf(err) != domain.CodeOf(tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(got, tt.then); diff != "" {
				t.Errorf("events (-got +want):\n%s", diff)
			}
		})
	}
}

// TestOTPAttemptsPerCode: after OTPAttempts wrong guesses the code is
// spent even below the lockout threshold.
func TestOTPAttemptsPerCode(t *testing.T) {
	evs := append(enabled(), sent(ch1, "123456"))
	v := otp("000000", ch1, t0)
	v.Lockout = Lockout{Threshold: 100, Cooldown: time.Minute}
	for i := 0; i < OTPAttempts; i++ {
		got, err := Decide(NewDecider().Fold(evs), v)
		if domain.CodeOf(err) != domain.CodeOf(ErrInvalidCode) {
			t.Fatalf("guess %d: %v", i, err)
		}
		evs = append(evs, got...)
	}
	v.CodeHash = HashOTP("123456")
	if _, err := Decide(NewDecider().Fold(evs), v); domain.CodeOf(err) != domain.CodeOf(ErrOTPAttempts) {
		t.Fatalf("right code after %d guesses: %v, want %v", OTPAttempts, err, ErrOTPAttempts)
	}
}
