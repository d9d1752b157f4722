package httpapi

import (
	"time"
	"unicode/utf8"

	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/totp"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// passwordBody is the body of the password-protected two-factor routes.
type passwordBody struct {
	Password *string `json:"password"`
	Method   *string `json:"method,omitempty"`
	Issuer   *string `json:"issuer,omitempty"`
}

// twoFactorPassword resolves the caller's session, decodes the body and
// checks the password against the credential account (decided from the
// account stream). A wrong password is not an error here: the two-factor
// decider records it and refuses.
func (s *Server) twoFactorPassword(c echo.Context) (authed, passwordBody, bool, error) {
	var b passwordBody
	a, err := s.requireSession(c)
	if err != nil {
		return a, b, false, err
	}
	if err := decode(c, &b); err != nil {
		return a, b, false, err
	}
	if err := requireStrings(map[string]*string{"password": b.Password}); err != nil {
		return a, b, false, err
	}
	if err := s.checkPasswordMax(*b.Password); err != nil {
		return a, b, false, err
	}
	ok, err := s.passwordMatches(c, a.user.ID, *b.Password)
	return a, b, ok, err
}

// passwordMatches verifies a person's password; without a credential
// account a dummy hash keeps the timing and the answer is false.
func (s *Server) passwordMatches(c echo.Context, personID, password string) (bool, error) {
	ctx := c.Request().Context()
	p, _, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, person.NewDecider(), domain.PersonStream(personID))
	if err != nil {
		return false, err
	}
	if p.CredentialAccountID == "" {
		return false, s.cfg.Hasher.VerifyDummy(ctx, password)
	}
	st, _, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, account.NewDecider(), account.Stream(p.CredentialAccountID))
	if err != nil {
		return false, err
	}
	if st.PasswordHash == "" {
		return false, s.cfg.Hasher.VerifyDummy(ctx, password)
	}
	ok, _, err := s.cfg.Hasher.Verify(ctx, password, st.PasswordHash)
	return ok, err
}

// runTwoFactor runs a two-factor command on the caller's stream.
func (s *Server) runTwoFactor(c echo.Context, personID string, cmd func(twofactor.State) twofactor.Command) error {
	return runOn(c, s, twofactor.NewDecider(), twofactor.Stream(personID), personID, personID, cmd)
}

// newBackupCodes draws a set of backup codes and their stored hashes.
func (s *Server) newBackupCodes() ([]string, []string, error) {
	codes, err := totp.NewBackupCodes(s.cfg.Rand, totp.BackupCodeCount)
	if err != nil {
		return nil, nil, err
	}
	hashes := make([]string, len(codes))
	for i, code := range codes {
		hashes[i] = totp.HashBackupCode(code)
	}
	return codes, hashes, nil
}

// enableTwoFactor starts a TOTP enrolment: a fresh 160-bit secret and ten
// backup codes, pending until verify-totp accepts a first code.
func (s *Server) enableTwoFactor(c echo.Context) error {
	a, b, ok, err := s.twoFactorPassword(c)
	if err != nil {
		return err
	}
	issuer, err := s.issuer(b)
	if err != nil {
		return err
	}
	secret, err := totp.NewSecret(s.cfg.Rand)
	if err != nil {
		return err
	}
	codes, hashes, err := s.newBackupCodes()
	if err != nil {
		return err
	}
	err = s.runTwoFactor(c, a.user.ID, func(twofactor.State) twofactor.Command {
		return twofactor.Enable{PersonID: a.user.ID, PasswordOK: ok, Secret: secret, BackupCodes: hashes, At: s.now()}
	})
	if err != nil {
		return err
	}
	return ok200(c, struct {
		Method      string   `json:"method"`
		TOTPURI     string   `json:"totpURI"`
		BackupCodes []string `json:"backupCodes"`
	}{twofactor.MethodTOTP, totp.URI(issuer, a.user.Email, secret), codes})
}

// issuer validates the optional method and issuer of an enable body.
func (s *Server) issuer(b passwordBody) (string, error) {
	if b.Method != nil && *b.Method != twofactor.MethodTOTP {
		return "", domain.Errorf(domain.CodeValidation, "Only the totp method is supported")
	}
	if b.Issuer == nil || *b.Issuer == "" {
		return s.cfg.TwoFactor.issuer(), nil
	}
	if utf8.RuneCountInString(*b.Issuer) > 100 {
		return "", domain.Errorf(domain.CodeValidation, "Issuer is too long")
	}
	for _, r := range *b.Issuer {
		if r < 0x20 || r == 0x7f {
			return "", domain.Errorf(domain.CodeValidation, "Invalid issuer")
		}
	}
	return *b.Issuer, nil
}

// getTOTPURI answers the URI of the pending or active secret.
func (s *Server) getTOTPURI(c echo.Context) error {
	a, _, ok, err := s.twoFactorPassword(c)
	if err != nil {
		return err
	}
	err = s.runTwoFactor(c, a.user.ID, func(twofactor.State) twofactor.Command {
		return twofactor.CheckPassword{PersonID: a.user.ID, Action: "get_totp_uri", PasswordOK: ok, At: s.now()}
	})
	if err != nil {
		return err
	}
	st, _, err := eventstore.Load(c.Request().Context(), s.cfg.Store, s.cfg.Codec, twofactor.NewDecider(), twofactor.Stream(a.user.ID))
	if err != nil {
		return err
	}
	secret := st.SecretFor(true)
	if secret == "" {
		return twofactor.ErrTOTPNotEnabled
	}
	return ok200(c, map[string]string{"totpURI": totp.URI(s.cfg.TwoFactor.issuer(), a.user.Email, secret)})
}

// generateBackupCodes replaces the backup codes; the old ones stop working.
func (s *Server) generateBackupCodes(c echo.Context) error {
	a, _, ok, err := s.twoFactorPassword(c)
	if err != nil {
		return err
	}
	codes, hashes, err := s.newBackupCodes()
	if err != nil {
		return err
	}
	err = s.runTwoFactor(c, a.user.ID, func(twofactor.State) twofactor.Command {
		return twofactor.GenerateBackupCodes{PersonID: a.user.ID, PasswordOK: ok, BackupCodes: hashes, At: s.now()}
	})
	if err != nil {
		return err
	}
	return ok200(c, struct {
		Status      bool     `json:"status"`
		BackupCodes []string `json:"backupCodes"`
	}{true, codes})
}

// disableTwoFactor turns two-factor off (secret, codes and trusted devices
// gone) on a fresh session, and replaces the caller's session, as Better
// Auth does, in the same append.
func (s *Server) disableTwoFactor(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	if s.now().Sub(a.session.CreatedAt) > s.cfg.TwoFactor.freshAge() {
		return errSessionNotFresh
	}
	a, _, ok, err := s.twoFactorPassword(c)
	if err != nil {
		return err
	}
	var token string
	err = s.retry(func() error {
		now := s.now()
		_, ch, derr := decideOn(c, s, twofactor.NewDecider(), twofactor.Stream(a.user.ID), func(twofactor.State) twofactor.Command {
			return twofactor.Disable{PersonID: a.user.ID, PasswordOK: ok, At: now}
		})
		changes := []change{ch}
		if derr == nil && len(ch.Events) > 0 {
			more, tok, err := s.replaceSession(c, a, now)
			if err != nil {
				return err
			}
			changes, token = append(changes, more...), tok
		}
		if derr != nil && len(ch.Events) == 0 {
			return derr
		}
		if _, err := s.commit(c, s.meta(c, a.user.ID, now), a.user.ID, changes...); err != nil {
			return err
		}
		return derr
	})
	if err != nil {
		return err
	}
	if token != "" {
		s.setSessionCookies(c, token, !s.dontRemember(c))
	}
	return ok200(c, map[string]bool{"status": true})
}

// replaceSession revokes the caller's session and opens a new one.
func (s *Server) replaceSession(c echo.Context, a authed, now time.Time) ([]change, string, error) {
	return s.reissue(c, a.user.ID, session.ReasonRevoked, []sessionindex.Session{a.session}, !s.dontRemember(c), now)
}
