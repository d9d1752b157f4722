package httpapi

import (
	"net/http"

	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/ratelimit"
	"github.com/labstack/echo/v4"
)

// setSessionCookies sends the signed session cookie, the multi-session
// cookie and set-auth-token, as Better Auth does after every sign-in.
func (s *Server) setSessionCookies(c echo.Context, token string, rememberMe bool) {
	h := c.Response().Header()
	for _, v := range s.cookies.SignInCookies(token, rememberMe) {
		h.Add("Set-Cookie", v)
	}
	h.Set("set-auth-token", s.cookies.AuthToken(token))
	h.Set("Access-Control-Expose-Headers", "set-auth-token")
}

// clearSessionCookies expires the session cookies.
func (s *Server) clearSessionCookies(c echo.Context) {
	for _, v := range s.cookies.ExpireSessionCookies() {
		c.Response().Header().Add("Set-Cookie", v)
	}
}

// clientIP is the rate-limit and audit address: the peer, or the
// forwarded address when the peer is a trusted proxy.
func (s *Server) clientIP(c echo.Context) string {
	return ratelimit.ClientIP(c.Request(), s.cfg.TrustedProxies)
}

// requestToken returns the session token of the request (cookie or bearer)
// and whether the request carried a session cookie at all.
func (s *Server) requestToken(r *http.Request) (string, bool) {
	return cookies.ParseRequest(r, s.cookies)
}
