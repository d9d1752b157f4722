package authhttp

import (
	"encoding/json"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

type verifyPasswordBody struct {
	Password *string `json:"password"`
}

// verifyPassword checks the caller's password: {status:true} or
// INVALID_PASSWORD (counted toward the account lockout).
func (f *Feature) verifyPassword(c echo.Context) error {
	a, b, err := wire.SessionAndBody[verifyPasswordBody](f.kit, c)
	if err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"password": b.Password}); err != nil {
		return err
	}
	in := identity.VerifyPasswordInput{SessionInput: identity.SessionInput{Caller: f.kit.Caller(c), Session: a}, Password: *b.Password}
	if err := f.svc.VerifyPassword(c.Request().Context(), in); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}

// updateSession takes any JSON object of session fields and hands it to
// the use case, which decides which fields may be set.
func (f *Feature) updateSession(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	raw, err := wire.DecodeExtra(c, &struct{}{}, func(string) bool { return true })
	if err != nil {
		return err
	}
	fields := make(map[string]any, len(raw))
	for k, v := range raw {
		var val any
		if err := json.Unmarshal(v, &val); err != nil {
			return domain.Errorf(domain.CodeBadRequest, "Invalid JSON in request body")
		}
		fields[k] = val
	}
	return f.svc.UpdateSession(c.Request().Context(), identity.UpdateSessionInput{
		SessionInput: identity.SessionInput{Caller: f.kit.Caller(c), Session: a}, Fields: fields})
}
