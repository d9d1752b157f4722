package passkeyhttp

import (
	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/labstack/echo/v4"
)

// setCeremony keeps the ceremony in the signed
// better-auth.better-auth-passkey cookie for passkey.ChallengeTTL. The
// value is signed, so the client cannot change the challenge, the RP ID
// or the user handle; its single use is enforced in the log.
func (f *Feature) setCeremony(c echo.Context, cer passkey.Ceremony) error {
	v, err := cer.Encode()
	if err != nil {
		return err
	}
	c.Response().Header().Add("Set-Cookie", f.kit.Cookies.SignedCookie(cookies.Passkey, v, passkey.ChallengeTTL))
	return nil
}

// readCeremony returns the request's ceremony; a missing, forged or
// malformed cookie is CHALLENGE_NOT_FOUND (its TTL is checked by the
// ceremony itself).
func (f *Feature) readCeremony(c echo.Context) (passkey.Ceremony, error) {
	v, ok := cookies.ReadSigned(c.Request(), f.kit.Cookies, cookies.Passkey)
	if !ok {
		return passkey.Ceremony{}, passkey.ErrChallengeNotFound
	}
	return passkey.DecodeCeremony(v)
}

// clearCeremony expires the challenge cookie after a ceremony.
func (f *Feature) clearCeremony(c echo.Context) {
	c.Response().Header().Add("Set-Cookie", f.kit.Cookies.ExpireCookie(cookies.Passkey))
}
