package compliance

import (
	"context"
	"encoding/json"

	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// sessionsOf returns the ids of the person's sessions that may still be
// live: from the session index when this process follows one (a server),
// otherwise from the log itself (a one-shot process such as the CLI).
func (s *Service) sessionsOf(ctx context.Context, personID string) ([]string, error) {
	if s.app.Index == nil {
		return s.loggedSessions(ctx, personID)
	}
	var ids []string
	for _, sess := range s.app.Index.Sessions(personID) {
		ids = append(ids, sess.ID)
	}
	return ids, nil
}

// loggedSessions scans the log for every session.created of the person
// not followed by its revocation or expiry. It reads only the unsealed
// ids of the stored records: no key is needed, nothing is decrypted.
func (s *Service) loggedSessions(ctx context.Context, personID string) ([]string, error) {
	scan := sessionScan{person: personID, live: map[string]bool{}}
	var after eventstore.Position
	for {
		recs, err := s.app.Store.ReadAll(ctx, after, readBatch)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return scan.ids(), nil
		}
		for _, rec := range recs {
			scan.apply(rec)
		}
		after = recs[len(recs)-1].Position
	}
}

// sessionScan follows one person's sessions through the log.
type sessionScan struct {
	person string
	live   map[string]bool
	order  []string // session ids in creation order
}

// apply notes a session of the person opened or ended by rec.
func (s *sessionScan) apply(rec eventstore.Record) {
	if rec.Type != session.TypeCreated && rec.Type != session.TypeRevoked && rec.Type != session.TypeExpired {
		return
	}
	var ids struct {
		SessionID string `json:"sessionId"`
		PersonID  string `json:"personId"`
	}
	if json.Unmarshal(rec.Data, &ids) != nil || ids.PersonID != s.person || ids.SessionID == "" {
		return
	}
	if rec.Type != session.TypeCreated {
		s.live[ids.SessionID] = false
		return
	}
	if _, seen := s.live[ids.SessionID]; !seen {
		s.order = append(s.order, ids.SessionID)
	}
	s.live[ids.SessionID] = true
}

// ids are the sessions still live at the end of the scan.
func (s *sessionScan) ids() []string {
	var out []string
	for _, id := range s.order {
		if s.live[id] {
			out = append(out, id)
		}
	}
	return out
}
