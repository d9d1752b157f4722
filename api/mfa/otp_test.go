package mfa_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/twofactor"
)

var sixDigits = regexp.MustCompile(`\b[0-9]{6}\b`)

// mailedCode is the code of the last message to addr.
func mailedCode(t *testing.T, rec *mailertest.Recorder, addr string) string {
	t.Helper()
	msgs := rec.Messages()
	if len(msgs) == 0 || msgs[len(msgs)-1].To != addr {
		t.Fatalf("no code mailed to %s: %+v", addr, msgs)
	}
	code := sixDigits.FindString(msgs[len(msgs)-1].Text)
	if code == "" {
		t.Fatalf("no 6-digit code in %q", msgs[len(msgs)-1].Text)
	}
	return code
}

// TestSendOTP: a live challenge gets a mailed code whose hash only is
// recorded; no mailer, no challenge or a dead one get nothing.
func TestSendOTP(t *testing.T) {
	rec := &mailertest.Recorder{}
	e := newEnv(t, mfa.Config{Mailer: rec})
	e.enrolled("ann@example.com")
	ch := e.challenge("ann@example.com", mfa.Device{})
	before := e.Head(t)
	if err := e.mfa.SendOTP(e.ctx, mfa.SendOTPInput{Challenge: ch}); err != nil {
		t.Fatal(err)
	}
	code := mailedCode(t, rec, "ann@example.com")
	if got := e.TypesSince(t, before); !slices.Equal(got, []string{"two_factor.otp_sent"}) {
		t.Errorf("events %v", got)
	}
	for _, r := range e.Records(t) {
		if strings.Contains(string(r.Data), code) {
			t.Errorf("%s stores the code in the clear", r.Type)
		}
	}
	expired := ch
	expired.Expires = e.Clock.Now()
	for name, in := range map[string]mfa.SendOTPInput{"no challenge": {}, "expired challenge": {Challenge: expired}} {
		if err := e.mfa.SendOTP(e.ctx, in); codeOf(err) != domain.CodeOf(twofactor.ErrInvalidChallenge) {
			t.Errorf("%s: %v", name, err)
		}
	}
	off := newEnv(t, mfa.Config{})
	if err := off.mfa.SendOTP(off.ctx, mfa.SendOTPInput{Challenge: ch}); codeOf(err) != "OTP_NOT_CONFIGURED" {
		t.Errorf("without a mailer: %v", err)
	}
}

// TestVerifyOTP completes a sign-in with the mailed code exactly once;
// wrong, expired and replayed codes are refused and recorded.
func TestVerifyOTP(t *testing.T) {
	rec := &mailertest.Recorder{}
	e := newEnv(t, mfa.Config{Mailer: rec})
	e.enrolled("ann@example.com")
	ch := e.challenge("ann@example.com", mfa.Device{})
	verify := func(code string) (mfa.Verified, error) {
		return e.mfa.Verify(e.ctx, mfa.VerifyInput{Method: twofactor.MethodOTP, Code: code, Challenge: ch, TrustDevice: true})
	}
	if _, err := verify("123456"); codeOf(err) != "OTP_HAS_EXPIRED" {
		t.Errorf("before any code was sent: %v", err)
	}
	if err := e.mfa.SendOTP(e.ctx, mfa.SendOTPInput{Challenge: ch}); err != nil {
		t.Fatal(err)
	}
	code := mailedCode(t, rec, "ann@example.com")
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if _, err := verify(wrong); codeOf(err) != "INVALID_CODE" {
		t.Errorf("wrong code: %v", err)
	}
	before := e.Head(t)
	res, err := verify(code)
	if err != nil || !res.SignedIn || res.Trust.ID == "" {
		t.Fatalf("right code: %+v %v", res, err)
	}
	e.authed(res.Token)
	if got := e.TypesSince(t, before); !slices.Equal(got, []string{"two_factor.code_accepted", "session.created"}) {
		t.Errorf("events %v", got)
	}
	if _, err := verify(code); codeOf(err) != domain.CodeOf(twofactor.ErrInvalidChallenge) {
		t.Errorf("replayed code: %v", err)
	}
	ch2 := e.challenge("ann@example.com", mfa.Device{})
	if err := e.mfa.SendOTP(e.ctx, mfa.SendOTPInput{Challenge: ch2}); err != nil {
		t.Fatal(err)
	}
	e.Clock.Advance(twofactor.OTPTTL + time.Second)
	_, err = e.mfa.Verify(e.ctx, mfa.VerifyInput{Method: twofactor.MethodOTP, Code: mailedCode(t, rec, "ann@example.com"), Challenge: ch2})
	if codeOf(err) != "OTP_HAS_EXPIRED" {
		t.Errorf("code after its TTL: %v", err)
	}
}
