package mfahttp

import (
	"strconv"
	"strings"
	"time"

	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// The two_factor cookie carries a challenge as
// "<personID>!<challengeID>!<expiresAt unix ms>!<remember 0|1>"; the
// trust_device cookie a device as "<personID>!<trustID>!<issuedAt unix ms>".
// Both are signed with the server secret (api/cookies).

func challengeValue(ch mfa.Challenge) string {
	r := "0"
	if ch.Remember {
		r = "1"
	}
	return ch.PersonID + "!" + ch.ID + "!" + strconv.FormatInt(ch.Expires.UnixMilli(), 10) + "!" + r
}

// parseChallenge reads a verified two_factor cookie value.
func parseChallenge(v string) (mfa.Challenge, bool) {
	f := strings.Split(v, "!")
	if len(f) != 4 || !domain.ValidID(f[0]) || !domain.ValidID(f[1]) || (f[3] != "0" && f[3] != "1") {
		return mfa.Challenge{}, false
	}
	at, ok := unixMilli(f[2])
	if !ok {
		return mfa.Challenge{}, false
	}
	return mfa.Challenge{PersonID: f[0], ID: f[1], Expires: at, Remember: f[3] == "1"}, true
}

func deviceValue(d mfa.Device) string {
	return d.PersonID + "!" + d.ID + "!" + strconv.FormatInt(d.Issued.UnixMilli(), 10)
}

// parseDevice reads a verified trust_device cookie value.
func parseDevice(v string) (mfa.Device, bool) {
	f := strings.Split(v, "!")
	if len(f) != 3 || !domain.ValidID(f[0]) || !domain.ValidID(f[1]) {
		return mfa.Device{}, false
	}
	at, ok := unixMilli(f[2])
	if !ok {
		return mfa.Device{}, false
	}
	return mfa.Device{PersonID: f[0], ID: f[1], Issued: at}, true
}

func unixMilli(s string) (time.Time, bool) {
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil || ms <= 0 {
		return time.Time{}, false
	}
	return time.UnixMilli(ms).UTC(), true
}

// challenge is the request's pending challenge (zero when none or forged).
func (f *Feature) challenge(c echo.Context) mfa.Challenge {
	v, ok := cookies.ReadSigned(c.Request(), f.kit.Cookies, cookies.TwoFactor)
	if !ok {
		return mfa.Challenge{}
	}
	ch, _ := parseChallenge(v)
	return ch
}

// Device is the trusted device the request presents (zero when none or
// forged); whether it is trusted is the use case's decision.
func (f *Feature) Device(c echo.Context) mfa.Device {
	v, ok := cookies.ReadSigned(c.Request(), f.kit.Cookies, cookies.TrustDevice)
	if !ok {
		return mfa.Device{}
	}
	d, _ := parseDevice(v)
	return d
}

// RespondChallenge answers a password sign-in that needs a second factor,
// as Better Auth does: no session, the session cookies cleared, the signed
// two_factor cookie set.
func (f *Feature) RespondChallenge(c echo.Context, ch mfa.Challenge) error {
	h := c.Response().Header()
	h.Add("Set-Cookie", f.kit.Cookies.ExpireCookie(cookies.SessionToken))
	h.Add("Set-Cookie", f.kit.Cookies.ExpireCookie(cookies.SessionData))
	h.Add("Set-Cookie", f.kit.Cookies.SignedCookie(cookies.TwoFactor, challengeValue(ch), f.svc.Config().ChallengeAge))
	return wire.OK(c, struct {
		TwoFactorRedirect bool     `json:"twoFactorRedirect"`
		TwoFactorMethods  []string `json:"twoFactorMethods"`
	}{true, f.methods()})
}

// signedIn clears the spent challenge and, when asked, marks the device
// trusted for TrustDeviceAge.
func (f *Feature) signedIn(c echo.Context, trust mfa.Device) {
	h := c.Response().Header()
	h.Add("Set-Cookie", f.kit.Cookies.ExpireCookie(cookies.TwoFactor))
	if trust.ID != "" {
		h.Add("Set-Cookie", f.kit.Cookies.SignedCookie(cookies.TrustDevice, deviceValue(trust), f.svc.Config().TrustDeviceAge))
	}
}
