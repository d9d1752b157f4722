package mfahttp

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// codeBody is the body of verify-totp and verify-backup-code.
type codeBody struct {
	Code           *string `json:"code"`
	TrustDevice    *bool   `json:"trustDevice,omitempty"`
	DisableSession *bool   `json:"disableSession,omitempty"`
}

// verify checks a second factor of method: with a session it completes an
// enrolment (or just checks the code); with the two_factor cookie it
// completes a sign-in.
func (f *Feature) verify(method string) echo.HandlerFunc {
	return func(c echo.Context) error {
		var b codeBody
		if err := wire.Decode(c, &b); err != nil {
			return err
		}
		if b.Code == nil {
			return domain.Errorf(domain.CodeValidation, "[body.code] Invalid input: expected string, received undefined")
		}
		in := mfa.VerifyInput{Caller: f.kit.Caller(c), Method: method, Code: *b.Code, DontRemember: f.kit.DontRemember(c),
			Challenge: f.challenge(c), TrustDevice: b.TrustDevice != nil && *b.TrustDevice}
		if token, ok := f.kit.RequestToken(c.Request()); ok {
			in.Token = token
		}
		res, err := f.svc.Verify(c.Request().Context(), in)
		if err != nil {
			return err
		}
		if res.SignedIn {
			f.signedIn(c, res.Trust)
		}
		return f.kit.RespondSignedIn(c, wire.SignedIn{Token: res.Token, PersonID: res.PersonID, Remember: res.Remember})
	}
}
