package identity

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
)

// GetSessionInput asks for the session of Token. DisableRefresh (the
// client's disableRefresh) and DontRemember (the session was opened with
// rememberMe false) both suppress the sliding refresh.
type GetSessionInput struct {
	Token          string
	DisableRefresh bool
	DontRemember   bool
}

// CurrentSession is the answer of GetSession: the live session when Found,
// and whether its expiry was just slid forward (the client's cookies then
// need refreshing too).
type CurrentSession struct {
	sessions.Authed
	Found     bool
	Refreshed bool
}

// GetSession resolves a token through the in-memory session index (no
// database read on this, the hottest path). An expired session is
// recorded (session.expired) and not found. A live one is refreshed at
// most once per UpdateAge, never past its absolute lifetime. caller is
// asked only when the call appends (an expiry or a refresh), so the usual
// answer costs no address parsing and no allocation for it.
func (s *Service) GetSession(ctx context.Context, in GetSessionInput, caller func() app.Caller) (CurrentSession, error) {
	a, found, expired := s.sessions.Lookup(in.Token)
	if expired {
		s.sessions.Expire(ctx, caller(), a)
	}
	if !found || expired {
		return CurrentSession{}, nil
	}
	cfg := s.sessions.Config()
	noRefresh := in.DisableRefresh || in.DontRemember ||
		!a.Session.ExpiresAt.Before(a.Session.CreatedAt.Add(cfg.MaxLifetime))
	if noRefresh || s.app.Now().Sub(a.Session.UpdatedAt) < cfg.UpdateAge {
		return CurrentSession{Authed: a, Found: true}, nil
	}
	if err := s.sessions.Refresh(ctx, caller(), a); err != nil {
		return CurrentSession{}, err
	}
	if refreshed, found, _ := s.sessions.Lookup(in.Token); found {
		a = refreshed
	}
	return CurrentSession{Authed: a, Found: true, Refreshed: true}, nil
}

// ListSessions returns the caller's sessions that have not expired.
func (s *Service) ListSessions(_ context.Context, a sessions.Authed) []sessionindex.Session {
	return s.sessions.Live(a.User.ID)
}

// ListDeviceSessions (Better Auth's multiSession) resolves the tokens of
// the sessions signed in on one device and returns the live ones, one per
// person, in the order given.
func (s *Service) ListDeviceSessions(_ context.Context, tokens []string) []sessions.Authed {
	out := []sessions.Authed{}
	seen := map[string]bool{}
	for _, tok := range tokens {
		a, found, expired := s.sessions.Lookup(tok)
		if !found || expired || seen[a.User.ID] {
			continue
		}
		seen[a.User.ID] = true
		out = append(out, a)
	}
	return out
}
