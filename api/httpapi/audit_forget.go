package httpapi

import (
	"context"
	"errors"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// Scrubber is an optional interface of the read store: after an erasure
// the server asks it to physically remove deleted rows (SQLite keeps
// deleted pages in the file and its WAL until they are overwritten).
type Scrubber interface {
	Scrub(ctx context.Context) error
}

// forgetPerson is POST /v1/people/:id/forget (admin key): erasure.
func (s *Server) forgetPerson(c echo.Context) error {
	_, err := s.Forget(c.Request().Context(), c.Param("id"), s.meta(c, adminActor, s.now()))
	if err != nil {
		return err
	}
	return ok200(c, map[string]bool{"status": true})
}

// Forget erases a person (crypto-shredding): in one append it revokes
// their live sessions, releases their email claim and records the PII-free
// person.erased; once the session index and the projections have applied
// it, it destroys the person's data key, so everything sealed with it
// (profile, password hash, IPs, user agents) is unreadable for good, and
// asks the read store to scrub deleted rows. The erasure's own metadata is
// appended unsealed, so its IP and user agent are dropped. Forgetting an
// erased person again destroys the key again (it finishes an erasure that
// stopped between the append and the key deletion) and appends nothing.
func (s *Server) Forget(ctx context.Context, personID string, meta domain.Metadata) (eventstore.Position, error) {
	if !domain.ValidID(personID) {
		return eventstore.Position{}, domain.ErrNotFound
	}
	var pos eventstore.Position
	err := s.retry(func() error {
		var err error
		pos, err = s.appendErasure(ctx, personID, meta)
		return err
	})
	if err != nil {
		return pos, err
	}
	if err := s.cfg.Keys.Forget(ctx, personID); err != nil {
		return pos, err
	}
	if sc, ok := s.cfg.Read.(Scrubber); ok {
		if err := sc.Scrub(ctx); err != nil {
			s.cfg.Logger.Warn("scrub after erasure failed", "err", err)
		}
	}
	return pos, nil
}

// appendErasure decides and appends the erasure; it returns the zero
// position when the person was already erased.
func (s *Server) appendErasure(ctx context.Context, personID string, meta domain.Metadata) (eventstore.Position, error) {
	stream := domain.PersonStream(personID)
	st, v, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, person.NewDecider(), stream)
	if err != nil {
		return eventstore.Position{}, err
	}
	evs, err := person.Decide(st, person.Erase{At: meta.OccurredAt})
	if err != nil || len(evs) == 0 {
		return eventstore.Position{}, err
	}
	reqs, err := s.revocations(ctx, personID, meta)
	if err != nil {
		return eventstore.Position{}, err
	}
	req := eventstore.AppendRequest{Stream: stream, Expected: eventstore.Exactly(v)}
	if st.Email != "" {
		req.Releases = []eventstore.Claim{s.claim("email", st.Email, stream)}
	}
	if req.Events, err = s.encodeAll(ctx, evs, meta); err != nil {
		return eventstore.Position{}, err
	}
	return s.app.Pipeline.AppendSealed(ctx, append(reqs, req)...)
}

// revocations revokes every live session of the person.
func (s *Server) revocations(ctx context.Context, personID string, meta domain.Metadata) ([]eventstore.AppendRequest, error) {
	var reqs []eventstore.AppendRequest
	for _, t := range s.index.Sessions(personID) {
		stream := domain.SessionStream(t.ID)
		st, v, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, session.NewDecider(), stream)
		if err != nil {
			return nil, err
		}
		evs, err := session.Decide(st, session.Revoke{Reason: session.ReasonRevokeAll, At: meta.OccurredAt})
		if errors.Is(err, domain.ErrNotFound) || len(evs) == 0 {
			continue
		}
		if err != nil {
			return nil, err
		}
		data, err := s.encodeAll(ctx, evs, meta)
		if err != nil {
			return nil, err
		}
		reqs = append(reqs, eventstore.AppendRequest{Stream: stream, Expected: eventstore.Exactly(v), Events: data})
	}
	return reqs, nil
}

// encodeAll encodes events without a key: erasure events carry no PII, and
// metadata PII (IP, user agent) is dropped rather than sealed with a key
// that is about to be destroyed.
func (s *Server) encodeAll(ctx context.Context, evs []domain.Event, meta domain.Metadata) ([]eventstore.EventData, error) {
	out := make([]eventstore.EventData, 0, len(evs))
	for _, ev := range evs {
		d, err := s.cfg.Codec.Encode(ctx, ev, meta, "")
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}
