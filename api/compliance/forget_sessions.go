package compliance

import (
	"context"
	"encoding/json"

	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// sessionsOf returns the ids of the person's sessions that may still be
// live: from the session index when this process follows one (a server),
// otherwise from the log itself (a one-shot process such as the CLI):
// every session.created of the person not followed by its revocation or
// expiry. The scan reads only the unsealed ids of the stored records; no
// key is needed.
func (s *Service) sessionsOf(ctx context.Context, personID string) ([]string, error) {
	if s.app.Index != nil {
		var ids []string
		for _, sess := range s.app.Index.Sessions(personID) {
			ids = append(ids, sess.ID)
		}
		return ids, nil
	}
	live, order := map[string]bool{}, []string{}
	var after eventstore.Position
	for {
		recs, err := s.app.Store.ReadAll(ctx, after, readBatch)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			break
		}
		for _, rec := range recs {
			after = rec.Position
			applySessionRecord(rec, personID, live, &order)
		}
	}
	var ids []string
	for _, id := range order {
		if live[id] {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// applySessionRecord notes a session of personID opened or ended by rec.
func applySessionRecord(rec eventstore.Record, personID string, live map[string]bool, order *[]string) {
	switch rec.Type {
	case session.TypeCreated, session.TypeRevoked, session.TypeExpired:
	default:
		return
	}
	var ids struct {
		SessionID string `json:"sessionId"`
		PersonID  string `json:"personId"`
	}
	if json.Unmarshal(rec.Data, &ids) != nil || ids.PersonID != personID || ids.SessionID == "" {
		return
	}
	if rec.Type != session.TypeCreated {
		live[ids.SessionID] = false
		return
	}
	if _, seen := live[ids.SessionID]; !seen {
		*order = append(*order, ids.SessionID)
	}
	live[ids.SessionID] = true
}
