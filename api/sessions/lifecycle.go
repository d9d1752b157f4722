package sessions

import (
	"context"
	"encoding/hex"
	"time"

	"github.com/authledger/authledger/api/token"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// Opened is a session decided but not yet appended: the change to append
// with the command that opens it, and the token to hand to the client.
type Opened struct {
	Change eventstore.Change
	ID     string
	Token  string
}

// Open decides a new session for personID with a fresh id and token.
func (s *Service) Open(caller app.Caller, personID string, remember bool, at time.Time) (Opened, error) {
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return Opened{}, err
	}
	token, err := token.NewSession(s.app.Rand)
	if err != nil {
		return Opened{}, err
	}
	return s.OpenWith(caller, ids[0], personID, token, remember, at)
}

// OpenWith decides a session with the given id and token (for callers
// that need the id before the decision, e.g. to name it in another event).
func (s *Service) OpenWith(caller app.Caller, sessionID, personID, token string, remember bool, at time.Time) (Opened, error) {
	expiresIn := s.cfg.ExpiresIn
	if !remember {
		expiresIn = DontRememberLifetime
	}
	meta := caller.Meta(personID, at)
	h := sessionindex.HashToken(token)
	evs, err := session.Decide(session.State{}, session.Create{SessionID: sessionID, PersonID: personID,
		TokenHash: hex.EncodeToString(h[:]), ExpiresIn: expiresIn, RememberMe: remember, IP: meta.IP,
		UserAgent: meta.UserAgent, At: at})
	if err != nil {
		return Opened{}, err
	}
	return Opened{ID: sessionID, Token: token,
		Change: eventstore.Change{Stream: domain.SessionStream(sessionID), Expected: eventstore.NoStream, Events: evs}}, nil
}

// Expire records that a session was found past its expiry. A failure is
// logged, never returned: the caller is refused either way.
func (s *Service) Expire(ctx context.Context, caller app.Caller, a Authed) {
	_, err := app.Run(ctx, s.app, session.NewDecider(), domain.SessionStream(a.Session.ID),
		caller.Meta(a.User.ID, s.app.Now()), a.User.ID,
		func(session.State) session.Command { return session.Expire{At: s.app.Now()} })
	if err != nil {
		s.app.Logger.Warn("could not record session expiry", "session", a.Session.ID, "err", err)
	}
}

// Refresh slides the session's expiry through the session decider.
func (s *Service) Refresh(ctx context.Context, caller app.Caller, a Authed) error {
	_, err := app.Run(ctx, s.app, session.NewDecider(), domain.SessionStream(a.Session.ID),
		caller.Meta(a.User.ID, s.app.Now()), a.User.ID,
		func(session.State) session.Command {
			return session.Refresh{ExpiresIn: s.cfg.ExpiresIn, UpdateAge: s.cfg.UpdateAge,
				MaxLifetime: s.cfg.MaxLifetime, At: s.app.Now()}
		})
	return err
}

// Revoke appends session.revoked (with reason) for each target in one
// atomic append, by actor, sealed with personID's key.
func (s *Service) Revoke(ctx context.Context, caller app.Caller, actor, personID, reason string, targets ...sessionindex.Session) error {
	if len(targets) == 0 {
		return nil
	}
	return s.app.Retry(func() error {
		changes, err := s.RevokeChanges(ctx, reason, targets)
		if err != nil {
			return err
		}
		_, err = s.app.Commit(ctx, caller.Meta(actor, s.app.Now()), personID, changes...)
		return err
	})
}

// RevokeChanges loads each target's stream and decides its revocation:
// the changes to append with a command that ends sessions.
func (s *Service) RevokeChanges(ctx context.Context, reason string, targets []sessionindex.Session) ([]eventstore.Change, error) {
	changes := make([]eventstore.Change, 0, len(targets))
	for _, t := range targets {
		_, ch, err := app.Decide(ctx, s.app, session.NewDecider(), domain.SessionStream(t.ID),
			func(session.State) session.Command { return session.Revoke{Reason: reason, At: s.app.Now()} })
		if err != nil {
			return nil, err
		}
		changes = append(changes, ch)
	}
	return changes, nil
}

// Reissue revokes targets (with reason) and opens a fresh session for the
// person: the changes to append with the command, and the new session.
func (s *Service) Reissue(ctx context.Context, caller app.Caller, personID, reason string, targets []sessionindex.Session, remember bool, now time.Time) ([]eventstore.Change, Opened, error) {
	changes, err := s.RevokeChanges(ctx, reason, targets)
	if err != nil {
		return nil, Opened{}, err
	}
	o, err := s.Open(caller, personID, remember, now)
	if err != nil {
		return nil, Opened{}, err
	}
	return append(changes, o.Change), o, nil
}
