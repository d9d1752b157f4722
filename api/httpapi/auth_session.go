package httpapi

import (
	"net/http"

	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/wire"

	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/session"
	"github.com/labstack/echo/v4"
)

// authed is the caller's live session, resolved from the in-memory index
// without a database read.
type authed struct {
	token   string
	session sessionindex.Session
	user    sessionindex.User
}

// lookup resolves a token. found is false for unknown or revoked tokens;
// expired sessions are returned with expired set.
func (s *Server) lookup(token string) (a authed, found, expired bool) {
	sess, user, ok := s.index.Lookup(sessionindex.HashToken(token))
	if !ok {
		return authed{}, false, false
	}
	a = authed{token: token, session: sess, user: user}
	return a, true, !s.cfg.Now().Before(sess.ExpiresAt)
}

// requireSession returns the caller's session or 401. An expired session
// is recorded (session.expired) and its cookies cleared.
func (s *Server) requireSession(c echo.Context) (authed, error) {
	token, ok := s.requestToken(c.Request())
	if !ok {
		return authed{}, domain.ErrUnauthorized
	}
	a, found, expired := s.lookup(token)
	if !found {
		return authed{}, domain.ErrUnauthorized
	}
	if expired {
		s.expire(c, a)
		s.clearSessionCookies(c)
		return authed{}, domain.ErrSessionExpired
	}
	return a, nil
}

// expire records that a session was found past its expiry.
func (s *Server) expire(c echo.Context, a authed) {
	err := runOn(c, s, session.NewDecider(), domain.SessionStream(a.session.ID), a.user.ID, a.user.ID,
		func(session.State) session.Command { return session.Expire{At: s.now()} })
	if err != nil {
		s.cfg.Logger.Warn("could not record session expiry", "session", a.session.ID, "err", err)
	}
}

type getSessionQuery struct {
	DisableCookieCache *bool `json:"disableCookieCache,omitempty"`
	DisableRefresh     *bool `json:"disableRefresh,omitempty"`
}

// getSession answers {session, user} or null. A bad signature gives null;
// a valid cookie for an unknown, revoked or expired session also clears
// the cookies. The sliding refresh happens at most once per updateAge.
func (s *Server) getSession(c echo.Context) error {
	token, ok := s.requestToken(c.Request())
	if !ok {
		return ok200(c, nil)
	}
	a, found, expired := s.lookup(token)
	if !found || expired {
		if expired {
			s.expire(c, a)
		}
		if _, err := c.Cookie(s.cookies.Name(cookies.SessionToken)); err == nil {
			s.clearSessionCookies(c)
		}
		return ok200(c, nil)
	}
	noRefresh := c.QueryParam("disableRefresh") == "true" || s.dontRemember(c) ||
		!a.session.ExpiresAt.Before(a.session.CreatedAt.Add(s.cfg.SessionMaxLifetime))
	if !noRefresh && s.now().Sub(a.session.UpdatedAt) >= s.cfg.SessionUpdateAge {
		if err := s.refresh(c, a); err != nil {
			return err
		}
		if refreshed, found, _ := s.lookup(token); found {
			a = refreshed
		}
		s.setSessionCookies(c, token, true)
	}
	return wire.WriteSessionAndUser(c, wire.SessionAndUser{Session: wire.ToSession(a.session, token), User: wire.ToUser(a.user)})
}

// refresh slides the session expiry through the session decider.
func (s *Server) refresh(c echo.Context, a authed) error {
	return runOn(c, s, session.NewDecider(), domain.SessionStream(a.session.ID), a.user.ID, a.user.ID,
		func(session.State) session.Command {
			return session.Refresh{ExpiresIn: s.cfg.SessionExpiresIn, UpdateAge: s.cfg.SessionUpdateAge,
				MaxLifetime: s.cfg.SessionMaxLifetime, At: s.now()}
		})
}

// signOut revokes the caller's session and clears its cookies.
func (s *Server) signOut(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return domain.Errorf(codeFailedToGetSession, "Failed to get session")
	}
	if err := s.revoke(c, a.user.ID, a.user.ID, session.ReasonSignOut, a.session); err != nil {
		return err
	}
	s.clearSessionCookies(c)
	return ok200(c, map[string]bool{"success": true})
}

// listSessions returns the caller's live sessions; each token field is the
// session's opaque handle (its id).
func (s *Server) listSessions(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	now := s.cfg.Now()
	out := []wire.SessionJSON{}
	for _, sess := range s.index.Sessions(a.user.ID) {
		if now.Before(sess.ExpiresAt) {
			out = append(out, wire.ToSession(sess, sess.ID))
		}
	}
	return ok200(c, out)
}

type revokeSessionBody struct {
	Token *string `json:"token"`
}

// revokeSession revokes one of the caller's sessions, named by its handle
// (the id list-sessions shows) or by its token. Another person's session
// is indistinguishable from an unknown one: 404.
func (s *Server) revokeSession(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	var b revokeSessionBody
	if err := decode(c, &b); err != nil {
		return err
	}
	if b.Token == nil || *b.Token == "" {
		return domain.Errorf(domain.CodeValidation, "[body.token] Invalid input: expected string, received undefined")
	}
	target, ok := s.findOwnSession(a.user.ID, *b.Token)
	if !ok {
		return domain.ErrSessionNotFound
	}
	if err := s.revoke(c, a.user.ID, a.user.ID, session.ReasonRevoked, target); err != nil {
		return err
	}
	return ok200(c, map[string]bool{"status": true})
}

// findOwnSession finds a session of personID by handle or raw token.
func (s *Server) findOwnSession(personID, handleOrToken string) (sessionindex.Session, bool) {
	hash := sessionindex.HashToken(handleOrToken)
	for _, sess := range s.index.Sessions(personID) {
		if sess.ID == handleOrToken || sess.TokenHash == hash {
			return sess, true
		}
	}
	return sessionindex.Session{}, false
}

// revokeSessions revokes every session of the caller, this one included.
func (s *Server) revokeSessions(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	if err := s.revoke(c, a.user.ID, a.user.ID, session.ReasonRevokeAll, s.index.Sessions(a.user.ID)...); err != nil {
		return err
	}
	return ok200(c, map[string]bool{"status": true})
}

// revokeOtherSessions revokes every session of the caller but this one.
func (s *Server) revokeOtherSessions(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	if err := s.revoke(c, a.user.ID, a.user.ID, session.ReasonRevokeOthers, s.others(a)...); err != nil {
		return err
	}
	return ok200(c, map[string]bool{"status": true})
}

func (s *Server) others(a authed) []sessionindex.Session {
	var out []sessionindex.Session
	for _, sess := range s.index.Sessions(a.user.ID) {
		if sess.ID != a.session.ID {
			out = append(out, sess)
		}
	}
	return out
}

// revoke appends session.revoked for each session in one atomic append.
func (s *Server) revoke(c echo.Context, actor, personID, reason string, targets ...sessionindex.Session) error {
	if len(targets) == 0 {
		return nil
	}
	return s.retry(func() error {
		changes, err := s.revokeChanges(c, reason, targets)
		if err != nil {
			return err
		}
		_, err = s.commit(c, s.meta(c, actor, s.now()), personID, changes...)
		return err
	})
}

// revokeChanges loads each session stream and decides its revocation.
func (s *Server) revokeChanges(c echo.Context, reason string, targets []sessionindex.Session) ([]change, error) {
	changes := make([]change, 0, len(targets))
	for _, t := range targets {
		_, ch, err := decideOn(c, s, session.NewDecider(), domain.SessionStream(t.ID),
			func(session.State) session.Command { return session.Revoke{Reason: reason, At: s.now()} })
		if err != nil {
			return nil, err
		}
		changes = append(changes, ch)
	}
	return changes, nil
}

// listDeviceSessions (multiSession) lists the sessions of the
// better-auth.session_token_multi-* cookies that are still live.
func (s *Server) listDeviceSessions(c echo.Context) error {
	out := []wire.SessionAndUser{}
	seen := map[string]bool{}
	for _, token := range cookies.MultiTokens(c.Request(), s.cookies) {
		a, found, expired := s.lookup(token)
		if !found || expired || seen[a.user.ID] {
			continue // like Better Auth: one entry per user
		}
		seen[a.user.ID] = true
		out = append(out, wire.SessionAndUser{Session: wire.ToSession(a.session, token), User: wire.ToUser(a.user)})
	}
	return ok200(c, out)
}

// ok is Better Auth's liveness route.
func (s *Server) ok(c echo.Context) error {
	return writeJSON(c, http.StatusOK, map[string]bool{"ok": true})
}
