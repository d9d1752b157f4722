package mfa

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/totp"
	"github.com/authledger/authledger/domain/twofactor"
)

// PasswordInput is a password-protected two-factor action by a signed-in
// person.
type PasswordInput struct {
	Caller   app.Caller
	Session  sessions.Authed
	Password string
}

// EnableInput starts a TOTP enrolment. Method, when set, must be "totp";
// Issuer, when set, names the app in the authenticator instead of the
// configured issuer.
type EnableInput struct {
	PasswordInput
	Method *string
	Issuer string
}

// Enrolment is what enable hands back once: the otpauth URI of the new
// secret and the plain backup codes (only their hashes are stored).
type Enrolment struct {
	TOTPURI     string
	BackupCodes []string
}

// Enable starts a TOTP enrolment: a fresh 160-bit secret and ten backup
// codes, pending until a first code is verified. A wrong password is
// recorded and refused.
func (s *Service) Enable(ctx context.Context, in EnableInput) (Enrolment, error) {
	ok, err := s.checkPassword(ctx, in.PasswordInput)
	if err != nil {
		return Enrolment{}, err
	}
	issuer, err := s.issuer(in.Method, in.Issuer)
	if err != nil {
		return Enrolment{}, err
	}
	secret, err := totp.NewSecret(s.app.Rand)
	if err != nil {
		return Enrolment{}, err
	}
	codes, hashes, err := s.newBackupCodes()
	if err != nil {
		return Enrolment{}, err
	}
	personID := in.Session.User.ID
	err = s.run(ctx, in.Caller, personID, func(twofactor.State) twofactor.Command {
		return twofactor.Enable{PersonID: personID, PasswordOK: ok, Secret: secret, BackupCodes: hashes, At: s.app.Now()}
	})
	if err != nil {
		return Enrolment{}, err
	}
	return Enrolment{TOTPURI: totp.URI(issuer, in.Session.User.Email, secret), BackupCodes: codes}, nil
}

// TOTPURI returns the otpauth URI of the pending or active secret.
func (s *Service) TOTPURI(ctx context.Context, in PasswordInput) (string, error) {
	ok, err := s.checkPassword(ctx, in)
	if err != nil {
		return "", err
	}
	personID := in.Session.User.ID
	err = s.run(ctx, in.Caller, personID, func(twofactor.State) twofactor.Command {
		return twofactor.CheckPassword{PersonID: personID, Action: "get_totp_uri", PasswordOK: ok, At: s.app.Now()}
	})
	if err != nil {
		return "", err
	}
	st, err := s.state(ctx, personID)
	if err != nil {
		return "", err
	}
	secret := st.SecretFor(true)
	if secret == "" {
		return "", twofactor.ErrTOTPNotEnabled
	}
	return totp.URI(s.cfg.Issuer, in.Session.User.Email, secret), nil
}

// GenerateBackupCodes replaces the backup codes and returns the new ones;
// the old ones stop working.
func (s *Service) GenerateBackupCodes(ctx context.Context, in PasswordInput) ([]string, error) {
	ok, err := s.checkPassword(ctx, in)
	if err != nil {
		return nil, err
	}
	codes, hashes, err := s.newBackupCodes()
	if err != nil {
		return nil, err
	}
	personID := in.Session.User.ID
	err = s.run(ctx, in.Caller, personID, func(twofactor.State) twofactor.Command {
		return twofactor.GenerateBackupCodes{PersonID: personID, PasswordOK: ok, BackupCodes: hashes, At: s.app.Now()}
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// checkPassword guards the password's length, then checks it. A wrong
// password is not an error here: the two-factor decider records it and
// refuses.
func (s *Service) checkPassword(ctx context.Context, in PasswordInput) (bool, error) {
	if err := s.passwords.CheckMax(in.Password); err != nil {
		return false, err
	}
	return s.passwords.Matches(ctx, in.Session.User.ID, in.Password)
}

// maxIssuerLen bounds an enable request's issuer (code points).
const maxIssuerLen = 100

// issuer validates the optional method and issuer of an enable request.
func (s *Service) issuer(method *string, issuer string) (string, error) {
	if method != nil && *method != twofactor.MethodTOTP {
		return "", domain.Errorf(domain.CodeValidation, "Only the totp method is supported")
	}
	if issuer == "" {
		return s.cfg.Issuer, nil
	}
	if err := domain.ValidLabel(issuer, maxIssuerLen); err != nil { // shown by authenticator apps: no bidi overrides
		return "", domain.Errorf(domain.CodeValidation, "[body.issuer] "+err.Error())
	}
	return issuer, nil
}

// newBackupCodes draws a set of backup codes and their stored hashes.
func (s *Service) newBackupCodes() ([]string, []string, error) {
	codes, err := totp.NewBackupCodes(s.app.Rand, totp.BackupCodeCount)
	if err != nil {
		return nil, nil, err
	}
	hashes := make([]string, len(codes))
	for i, code := range codes {
		hashes[i] = totp.HashBackupCode(code)
	}
	return codes, hashes, nil
}
