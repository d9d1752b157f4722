package httpapi

import (
	"strconv"
	"strings"
	"time"

	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/labstack/echo/v4"
)

// challenge is a pending sign-in waiting for its second factor, carried
// in the signed two_factor cookie as
// "<personID>!<challengeID>!<expiresAt unix ms>!<remember 0|1>".
type challenge struct {
	personID, id string
	expires      time.Time
	remember     bool
}

func (ch challenge) value() string {
	r := "0"
	if ch.remember {
		r = "1"
	}
	return ch.personID + "!" + ch.id + "!" + strconv.FormatInt(ch.expires.UnixMilli(), 10) + "!" + r
}

// parseChallenge reads a verified two_factor cookie value.
func parseChallenge(v string) (challenge, bool) {
	f := strings.Split(v, "!")
	if len(f) != 4 || !domain.ValidID(f[0]) || !domain.ValidID(f[1]) || (f[3] != "0" && f[3] != "1") {
		return challenge{}, false
	}
	ms, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || ms <= 0 {
		return challenge{}, false
	}
	return challenge{personID: f[0], id: f[1], expires: time.UnixMilli(ms).UTC(), remember: f[3] == "1"}, true
}

// readChallenge returns the request's live two_factor challenge.
func (s *Server) readChallenge(c echo.Context) (challenge, bool) {
	v, ok := cookies.ReadSigned(c.Request(), s.cookies, cookies.TwoFactor)
	if !ok {
		return challenge{}, false
	}
	ch, ok := parseChallenge(v)
	if !ok || !s.now().Before(ch.expires) {
		return challenge{}, false
	}
	return ch, true
}

// trust is a trusted device, carried in the signed trust_device cookie as
// "<personID>!<trustID>!<issuedAt unix ms>". It is honoured while younger
// than TrustDeviceAge and issued after the last revocation: disabling
// two-factor, a new enrolment, or a password change.
type trust struct {
	personID, id string
	issued       time.Time
}

func (t trust) value() string {
	return t.personID + "!" + t.id + "!" + strconv.FormatInt(t.issued.UnixMilli(), 10)
}

func parseTrust(v string) (trust, bool) {
	f := strings.Split(v, "!")
	if len(f) != 3 || !domain.ValidID(f[0]) || !domain.ValidID(f[1]) {
		return trust{}, false
	}
	ms, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || ms <= 0 {
		return trust{}, false
	}
	return trust{personID: f[0], id: f[1], issued: time.UnixMilli(ms).UTC()}, true
}

// trusted reports whether the request carries a live trusted-device
// cookie of personID.
func (s *Server) trusted(c echo.Context, personID string, tf twofactor.State, passwordAt time.Time) bool {
	v, ok := cookies.ReadSigned(c.Request(), s.cookies, cookies.TrustDevice)
	if !ok {
		return false
	}
	t, ok := parseTrust(v)
	return ok && t.personID == personID && s.now().Before(t.issued.Add(s.cfg.TwoFactor.trustAge())) &&
		t.issued.After(tf.TrustRevokedAt) && t.issued.After(passwordAt)
}

// setChallengeCookie answers a password sign-in of a person with
// two-factor on, as Better Auth does: no session, the session cookies
// cleared, the signed two_factor cookie set.
func (s *Server) setChallengeCookie(c echo.Context, ch challenge) error {
	h := c.Response().Header()
	h.Add("Set-Cookie", s.cookies.ExpireCookie(cookies.SessionToken))
	h.Add("Set-Cookie", s.cookies.ExpireCookie(cookies.SessionData))
	h.Add("Set-Cookie", s.cookies.SignedCookie(cookies.TwoFactor, ch.value(), s.cfg.TwoFactor.challengeAge()))
	return ok200(c, struct {
		TwoFactorRedirect bool     `json:"twoFactorRedirect"`
		TwoFactorMethods  []string `json:"twoFactorMethods"`
	}{true, []string{twofactor.MethodTOTP}})
}

// setTrustCookie marks the device trusted for TrustDeviceAge.
func (s *Server) setTrustCookie(c echo.Context, t trust) {
	c.Response().Header().Add("Set-Cookie", s.cookies.SignedCookie(cookies.TrustDevice, t.value(), s.cfg.TwoFactor.trustAge()))
}
