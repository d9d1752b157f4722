package httpapi

import (
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// This file keeps the helpers of the old identity and two-factor handlers
// that the files of features not yet moved out of this package (passkeys,
// password reset, organizations, admin, hosted pages) still call. Each is
// a thin forward to the use-case packages (api/identity, api/mfa,
// api/sessions) or to the wire kit; delete each with its last caller.

// authed is the caller's live session with the old field names.
type authed struct {
	token   string
	session sessionindex.Session
	user    sessionindex.User
}

func fromAuthed(a sessions.Authed) authed {
	return authed{token: a.Token, session: a.Session, user: a.User}
}

// requireSession returns the caller's live session or 401 (see
// wire.Kit.RequireSession).
func (s *Server) requireSession(c echo.Context) (authed, error) {
	a, err := s.kit.RequireSession(c)
	if err != nil {
		return authed{}, err
	}
	return fromAuthed(a), nil
}

// lookup resolves a token through the session index.
func (s *Server) lookup(token string) (authed, bool, bool) {
	a, found, expired := s.sessions.Lookup(token)
	return fromAuthed(a), found, expired
}

// setSessionCookies sends the session cookies of a sign-in.
func (s *Server) setSessionCookies(c echo.Context, token string, rememberMe bool) {
	s.kit.SetSessionCookies(c, token, rememberMe)
}

// newSession decides a session.created for a fresh token.
func (s *Server) newSession(c echo.Context, sessionID, personID, token string, remember bool, at time.Time) ([]domain.Event, error) {
	o, err := s.sessions.OpenWith(s.caller(c), sessionID, personID, token, remember, at)
	return o.Change.Events, err
}

// revokeChanges decides the revocation of each target.
func (s *Server) revokeChanges(c echo.Context, reason string, targets []sessionindex.Session) ([]change, error) {
	return s.sessions.RevokeChanges(c.Request().Context(), reason, targets)
}

// newIDs draws n fresh identifiers.
func (s *Server) newIDs(n int) ([]string, error) { return s.app.NewIDs(n) }

// checkPasswordMax rejects over-long passwords before any hashing.
func (s *Server) checkPasswordMax(pw string) error { return s.identity.Passwords().CheckMax(pw) }

// retryCode is retry with room for concurrent guesses at a code (see
// app.App.RetryCode, which the use cases call).
func retryCode(fn func() error) error {
	var err error
	for range app.CodeAttempts {
		if err = fn(); !errors.Is(err, eventstore.ErrWrongExpectedVersion) {
			return err
		}
	}
	return eventstore.ErrConflict
}

// orDefault is d, or def when d is not positive.
func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func validName(name string) error { return identity.ValidName(name) }

func validImage(img *string) error { return identity.ValidImage(img) }

// errSessionNotFresh asks the caller to sign in again (two-factor's code).
var errSessionNotFresh = mfa.ErrSessionNotFresh

// DefaultFreshAge is how recent a session must be for sensitive actions.
const DefaultFreshAge = mfa.DefaultFreshAge

// requireStrings reports missing required string fields the way Better
// Auth's validator does, for the five core names only (the old rule: other
// names are not reported here).
func requireStrings(fields map[string]*string) error {
	var msgs []string
	for _, k := range []string{"name", "email", "password", "currentPassword", "newPassword"} {
		if v, listed := fields[k]; listed && v == nil {
			msgs = append(msgs, "[body."+k+"] Invalid input: expected string, received undefined")
		}
	}
	if len(msgs) > 0 {
		return domain.Errorf(domain.CodeValidation, strings.Join(msgs, "; "))
	}
	return nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func hexString(b []byte) string { return hex.EncodeToString(b) }
