package passkeyhttp

import (
	"encoding/json"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// registrationBody is the body of verify-registration (createSession is
// accepted and ignored: registering needs a session already).
type registrationBody struct {
	Response      json.RawMessage `json:"response"`
	Name          *string         `json:"name,omitempty"`
	CreateSession *bool           `json:"createSession,omitempty"`
}

// registerOptions answers the creation options for the signed-in person
// and sets the challenge cookie.
func (f *Feature) registerOptions(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	attachment := c.QueryParam("authenticatorAttachment")
	if attachment != "" && attachment != "platform" && attachment != "cross-platform" {
		return domain.Errorf(domain.CodeValidation, "[query.authenticatorAttachment] Invalid option")
	}
	start, err := f.svc.RegisterOptions(c.Request().Context(), passkeys.RegisterOptionsInput{Authed: a, Attachment: attachment})
	if err != nil {
		return err
	}
	if err := f.setCeremony(c, start.Ceremony); err != nil {
		return err
	}
	return wire.OK(c, start.Options)
}

// verifyRegistration verifies the attestation against the challenge
// cookie and answers the stored passkey.
func (f *Feature) verifyRegistration(c echo.Context) error {
	a, b, err := wire.SessionAndBody[registrationBody](f.kit, c)
	if err != nil {
		return err
	}
	if err := requireResponse(b.Response); err != nil {
		return err
	}
	cer, err := f.readCeremony(c)
	if err != nil {
		return err
	}
	pk, err := f.svc.Register(c.Request().Context(), passkeys.RegisterInput{Caller: f.kit.Caller(c), Authed: a,
		Ceremony: cer, Response: b.Response, Name: wire.Deref(b.Name)})
	if err != nil {
		return err
	}
	f.clearCeremony(c)
	return wire.OK(c, ToPasskey(a.User.ID, pk))
}
