package httpapi

import (
	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/labstack/echo/v4"
)

// setCeremonyCookie keeps the ceremony in the signed
// better-auth.better-auth-passkey cookie for ChallengeTTL. The value is
// signed, so the client cannot change the challenge, the RP ID or the
// user handle; its single use is enforced in the log (a claim on the
// challenge taken with the ceremony's result).
func (s *Server) setCeremonyCookie(c echo.Context, cer passkey.Ceremony) error {
	v, err := cer.Encode()
	if err != nil {
		return err
	}
	c.Response().Header().Add("Set-Cookie", s.cookies.SignedCookie(cookies.Passkey, v, passkey.ChallengeTTL))
	return nil
}

// readCeremony returns the request's ceremony; a missing, forged or
// malformed cookie is CHALLENGE_NOT_FOUND (its TTL is checked by the
// ceremony itself).
func (s *Server) readCeremony(c echo.Context) (passkey.Ceremony, error) {
	v, ok := cookies.ReadSigned(c.Request(), s.cookies, cookies.Passkey)
	if !ok {
		return passkey.Ceremony{}, passkey.ErrChallengeNotFound
	}
	return passkey.DecodeCeremony(v)
}

// clearCeremonyCookie expires the challenge cookie after a ceremony.
func (s *Server) clearCeremonyCookie(c echo.Context) {
	c.Response().Header().Add("Set-Cookie", s.cookies.ExpireCookie(cookies.Passkey))
}
