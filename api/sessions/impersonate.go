package sessions

import (
	"encoding/hex"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/token"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// OpenImpersonation decides a session of personID opened by the
// administrator adminID acting as them (session.impersonatedBy): it lives
// lifetime (at most session.MaxImpersonation) and is never refreshed.
func (s *Service) OpenImpersonation(caller app.Caller, personID, adminID string, lifetime time.Duration, at time.Time) (Opened, error) {
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return Opened{}, err
	}
	tok, err := token.NewSession(s.app.Rand)
	if err != nil {
		return Opened{}, err
	}
	meta := caller.Meta(adminID, at)
	h := sessionindex.HashToken(tok)
	evs, err := session.Decide(session.State{}, session.Create{SessionID: ids[0], PersonID: personID,
		TokenHash: hex.EncodeToString(h[:]), ExpiresIn: lifetime, IP: meta.IP, UserAgent: meta.UserAgent,
		ImpersonatedBy: adminID, At: at})
	if err != nil {
		return Opened{}, err
	}
	return Opened{ID: ids[0], Token: tok,
		Change: eventstore.Change{Stream: domain.SessionStream(ids[0]), Expected: eventstore.NoStream, Events: evs}}, nil
}
