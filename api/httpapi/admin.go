package httpapi

import (
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/labstack/echo/v4"
)

// adminActor is the actor recorded for admin-key commands.
const adminActor = "admin"

// adminRoutes are the administrative commands under /v1 (admin key).
func (s *Server) adminRoutes() []route {
	return []route{
		{Method: "POST", Path: "/people/:id/ban", Handler: s.banPerson},
		{Method: "POST", Path: "/people/:id/unban", Handler: s.unbanPerson},
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
	if !domain.ValidID(id) {
		return domain.ErrNotFound
	}
	err := s.retry(func() error {
		_, ch, err := decideOn(c, s, person.NewDecider(), domain.PersonStream(id),
			func(person.State) person.Command { return person.Ban{Reason: deref(b.Reason), At: s.now()} })
		if err != nil {
			return err
		}
		changes := []change{ch}
		if len(ch.Events) > 0 {
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
	if !domain.ValidID(id) {
		return domain.ErrNotFound
	}
	err := runOn(c, s, person.NewDecider(), domain.PersonStream(id), adminActor, id,
		func(person.State) person.Command { return person.Unban{At: s.now()} })
	if err != nil {
		return err
	}
	return ok200(c, map[string]bool{"status": true})
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
