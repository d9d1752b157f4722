package mfahttp

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/labstack/echo/v4"
)

// sendOTPBody is send-otp's optional body (trustDevice is accepted, as
// Better Auth does, and matters only at verify-otp).
type sendOTPBody struct {
	TrustDevice *bool `json:"trustDevice,omitempty"`
}

// sendOTP mails a code for the pending sign-in of the two_factor cookie.
func (f *Feature) sendOTP(c echo.Context) error {
	var b sendOTPBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if err := f.svc.SendOTP(c.Request().Context(), mfa.SendOTPInput{Caller: f.kit.Caller(c), Challenge: f.challenge(c)}); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}

// methods are the second factors a pending sign-in offers: TOTP, and
// emailed codes when a mailer is set.
func (f *Feature) methods() []string {
	if f.svc.OTPAvailable() {
		return []string{twofactor.MethodTOTP, twofactor.MethodOTP}
	}
	return []string{twofactor.MethodTOTP}
}
