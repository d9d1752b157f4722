package mfa_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/twofactor"
)

func ptr(s string) *string { return &s }

// TestEnable drives Enable: input refusals append nothing, a wrong
// password is recorded and refused, an enrolment is pending until a first
// code (which enables two-factor and replaces the session).
func TestEnable(t *testing.T) {
	e := newEnv(t, mfa.Config{Issuer: "Acme"})
	a := e.signUp("ann@example.com")
	cases := []struct {
		name   string
		in     mfa.EnableInput
		code   domain.Code
		events []string
	}{
		{"over-long password", mfa.EnableInput{PasswordInput: pw(a, strings.Repeat("p", 200))}, domain.CodePasswordTooLong, []string{}},
		{"other method", mfa.EnableInput{PasswordInput: pw(a, goodPW), Method: ptr("otp")}, domain.CodeValidation, []string{}},
		{"empty method", mfa.EnableInput{PasswordInput: pw(a, goodPW), Method: ptr("")}, domain.CodeValidation, []string{}},
		{"control character in issuer", mfa.EnableInput{PasswordInput: pw(a, goodPW), Issuer: "a\x00"}, domain.CodeValidation, []string{}},
		{"issuer too long", mfa.EnableInput{PasswordInput: pw(a, goodPW), Issuer: strings.Repeat("i", 101)}, domain.CodeValidation, []string{}},
		{"wrong password", mfa.EnableInput{PasswordInput: pw(a, "wrong horse 3")}, domain.CodeInvalidPassword,
			[]string{"two_factor.action_refused"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := e.Head(t)
			if _, err := e.mfa.Enable(e.ctx, c.in); codeOf(err) != c.code {
				t.Fatalf("Enable = %v, want code %s", err, c.code)
			}
			if got := e.TypesSince(t, before); !slices.Equal(got, c.events) {
				t.Errorf("events %v, want %v", got, c.events)
			}
		})
	}
	before := e.Head(t)
	en, err := e.mfa.Enable(e.ctx, mfa.EnableInput{PasswordInput: pw(a, goodPW), Method: ptr("totp")})
	if err != nil || !strings.Contains(en.TOTPURI, "issuer=Acme") || len(en.BackupCodes) != 10 {
		t.Fatalf("Enable = %+v, %v", en, err)
	}
	if got := e.TypesSince(t, before); !slices.Equal(got, []string{"two_factor.enrolment_started"}) {
		t.Errorf("events %v", got)
	}
	uri, err := e.mfa.TOTPURI(e.ctx, pw(a, goodPW))
	if err != nil || secretOf(t, uri) != secretOf(t, en.TOTPURI) {
		t.Errorf("TOTPURI of the pending secret = %q, %v", uri, err)
	}
	if _, err := e.mfa.GenerateBackupCodes(e.ctx, pw(a, goodPW)); codeOf(err) != domain.CodeOf(twofactor.ErrNotEnabled) {
		t.Errorf("backup codes while only pending: %v", err)
	}
	before = e.Head(t)
	if _, err := e.mfa.Verify(e.ctx, mfa.VerifyInput{Method: twofactor.MethodTOTP, Code: "000000", Token: a.Token}); codeOf(err) != domain.CodeOf(twofactor.ErrInvalidCode) {
		t.Errorf("wrong first code: %v", err)
	}
	v, err := e.mfa.Verify(e.ctx, mfa.VerifyInput{Method: twofactor.MethodTOTP, Code: e.code(secretOf(t, en.TOTPURI)), Token: a.Token})
	if err != nil || v.SignedIn || v.Token == a.Token || v.PersonID != a.User.ID {
		t.Fatalf("first code: %+v, %v", v, err)
	}
	want := []string{"two_factor.code_rejected", "two_factor.enabled", "session.revoked", "session.created"}
	if got := e.TypesSince(t, before); !slices.Equal(got, want) {
		t.Errorf("events %v, want %v", got, want)
	}
	if !e.authed(v.Token).User.TwoFactorEnabled {
		t.Error("the session index does not show two-factor on")
	}
}

// TestBackupCodesAndURI: a new set replaces the old; the URI needs the
// password (a wrong one is recorded).
func TestBackupCodesAndURI(t *testing.T) {
	e := newEnv(t, mfa.Config{})
	a, _, old := e.enrolled("ann@example.com")
	before := e.Head(t)
	if _, err := e.mfa.TOTPURI(e.ctx, pw(a, "wrong horse 3")); codeOf(err) != domain.CodeInvalidPassword {
		t.Errorf("TOTPURI with a wrong password: %v", err)
	}
	if got := e.TypesSince(t, before); !slices.Equal(got, []string{"two_factor.action_refused"}) {
		t.Errorf("events %v", got)
	}
	codes, err := e.mfa.GenerateBackupCodes(e.ctx, pw(a, goodPW))
	if err != nil || len(codes) != 10 || slices.Contains(codes, old[0]) {
		t.Fatalf("GenerateBackupCodes = %v, %v", codes, err)
	}
	if _, err := e.mfa.Verify(e.ctx, mfa.VerifyInput{Method: twofactor.MethodBackupCode, Code: old[0], Token: a.Token}); codeOf(err) != domain.CodeOf(twofactor.ErrInvalidBackupCode) {
		t.Errorf("an old backup code: %v", err)
	}
	if _, err := e.mfa.Verify(e.ctx, mfa.VerifyInput{Method: twofactor.MethodBackupCode, Code: codes[0], Token: a.Token}); err != nil {
		t.Errorf("a new backup code: %v", err)
	}
}
