package api

import (
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// adminActor is the actor recorded for admin-key commands.
const adminActor = "admin"

// adminRoutes are the administrative commands under /v1 (admin key).
func (s *Server) adminRoutes() []route {
	return []route{
		{"POST", "/people/:id/ban", s.banPerson, false},
		{"POST", "/people/:id/unban", s.unbanPerson, false},
	}
}

type banBody struct {
	Reason *string `json:"reason,omitempty"`
}

// banPerson bans a person and revokes every session in the same append:
// each of their sessions answers 401 on the next request, on every node.
func (s *Server) banPerson(c echo.Context) error {
	var b banBody
	if err := s.readAdminBody(c, &b); err != nil {
		return err
	}
	id := c.Param("id")
	err := retry(func() error {
		st, v, err := s.loadPerson(c, id)
		if err != nil {
			return err
		}
		evs, err := person.Decide(st, person.Ban{Reason: deref(b.Reason), At: s.now()})
		if err != nil {
			return err
		}
		changes := []change{{stream: domain.PersonStream(id), expected: eventstore.Exactly(v), events: evs}}
		if len(evs) > 0 {
			more, err := s.revokeChanges(c, session.ReasonRevokeAll, s.index.Sessions(id))
			if err != nil {
				return err
			}
			changes = append(changes, more...)
		}
		_, err = s.commit(c, s.meta(c, adminActor, s.now()), id, changes...)
		return err
	})
	if err != nil {
		return err
	}
	return ok200(c, map[string]bool{"status": true})
}

// unbanPerson lifts a ban.
func (s *Server) unbanPerson(c echo.Context) error {
	id := c.Param("id")
	err := retry(func() error {
		st, v, err := s.loadPerson(c, id)
		if err != nil {
			return err
		}
		evs, err := person.Decide(st, person.Unban{At: s.now()})
		if err != nil {
			return err
		}
		_, err = s.commit(c, s.meta(c, adminActor, s.now()), id,
			change{stream: domain.PersonStream(id), expected: eventstore.Exactly(v), events: evs})
		return err
	})
	if err != nil {
		return err
	}
	return ok200(c, map[string]bool{"status": true})
}

// loadPerson folds a person stream; malformed ids are a 404.
func (s *Server) loadPerson(c echo.Context, id string) (person.State, uint64, error) {
	if !domain.ValidID(id) {
		return person.State{}, 0, domain.ErrNotFound
	}
	return eventstore.Load(c.Request().Context(), s.cfg.Store, s.cfg.Codec, person.NewDecider(), domain.PersonStream(id))
}

// readAdminBody reads and strictly decodes an admin request body (the /v1
// group has no body middleware of its own).
func (s *Server) readAdminBody(c echo.Context, dst any) error {
	if err := s.bodyLimit(func(echo.Context) error { return nil })(c); err != nil {
		return err
	}
	if err := s.jsonOnly(func(echo.Context) error { return nil })(c); err != nil {
		return err
	}
	return decode(c, dst)
}
