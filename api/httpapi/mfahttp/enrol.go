package mfahttp

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/labstack/echo/v4"
)

// passwordBody is the body of the password-protected two-factor routes.
type passwordBody struct {
	Password *string `json:"password"`
	Method   *string `json:"method,omitempty"`
	Issuer   *string `json:"issuer,omitempty"`
}

// passwordInput resolves the caller's session and decodes the body of a
// password-protected route. check, when not nil, may refuse the session
// before the body is read (disable's freshness has always come first).
func (f *Feature) passwordInput(c echo.Context, check func(sessions.Authed) error) (mfa.PasswordInput, passwordBody, error) {
	var b passwordBody
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return mfa.PasswordInput{}, b, err
	}
	if check != nil {
		if err := check(a); err != nil {
			return mfa.PasswordInput{}, b, err
		}
	}
	if err := wire.Decode(c, &b); err != nil {
		return mfa.PasswordInput{}, b, err
	}
	if err := wire.RequireStrings(map[string]*string{"password": b.Password}); err != nil {
		return mfa.PasswordInput{}, b, err
	}
	return mfa.PasswordInput{Caller: f.kit.Caller(c), Session: a, Password: *b.Password}, b, nil
}

// enable starts a TOTP enrolment and answers the URI and backup codes.
func (f *Feature) enable(c echo.Context) error {
	in, b, err := f.passwordInput(c, nil)
	if err != nil {
		return err
	}
	en, err := f.svc.Enable(c.Request().Context(), mfa.EnableInput{PasswordInput: in, Method: b.Method, Issuer: wire.Deref(b.Issuer)})
	if err != nil {
		return err
	}
	return wire.OK(c, struct {
		Method      string   `json:"method"`
		TOTPURI     string   `json:"totpURI"`
		BackupCodes []string `json:"backupCodes"`
	}{twofactor.MethodTOTP, en.TOTPURI, en.BackupCodes})
}

// getTOTPURI answers the URI of the pending or active secret.
func (f *Feature) getTOTPURI(c echo.Context) error {
	in, _, err := f.passwordInput(c, nil)
	if err != nil {
		return err
	}
	uri, err := f.svc.TOTPURI(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]string{"totpURI": uri})
}

// generateBackupCodes replaces the backup codes and answers the new ones.
func (f *Feature) generateBackupCodes(c echo.Context) error {
	in, _, err := f.passwordInput(c, nil)
	if err != nil {
		return err
	}
	codes, err := f.svc.GenerateBackupCodes(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return wire.OK(c, struct {
		Status      bool     `json:"status"`
		BackupCodes []string `json:"backupCodes"`
	}{true, codes})
}

// disable turns two-factor off and sets the cookies of the session that
// replaces the caller's.
func (f *Feature) disable(c echo.Context) error {
	in, _, err := f.passwordInput(c, f.kit.Sessions.Fresh)
	if err != nil {
		return err
	}
	dontRemember := f.kit.DontRemember(c)
	token, err := f.svc.Disable(c.Request().Context(), mfa.DisableInput{PasswordInput: in, DontRemember: dontRemember})
	if err != nil {
		return err
	}
	if token != "" {
		f.kit.SetSessionCookies(c, token, !dontRemember)
	}
	return wire.OK(c, map[string]bool{"status": true})
}
