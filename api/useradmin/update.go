package useradmin

import (
	"context"
	"strings"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// UpdateUserInput is the admin update-user body: Data holds the user
// fields to change (name, image, role, banned, banReason, banExpires and
// the additional fields).
type UpdateUserInput struct {
	Admin  Admin
	UserID string
	Data   map[string]any
}

// update is a validated update-user: the person commands to decide in
// order, and whether a ban is among them.
type update struct {
	cmds []person.Command
	ban  bool
}

// UpdateUser changes a user's fields in one append (a ban also revokes
// every session of theirs). Changing the address is not supported here.
func (s *Service) UpdateUser(ctx context.Context, in UpdateUserInput) (sessionindex.User, error) {
	if err := in.Admin.require("user", "update", ErrNotAllowedToUpdate); err != nil {
		return sessionindex.User{}, err
	}
	return s.applyUpdate(ctx, in)
}

// applyUpdate plans and appends an update-user (each field checks its own
// grant: a role needs set-role, a ban needs ban).
func (s *Service) applyUpdate(ctx context.Context, in UpdateUserInput) (sessionindex.User, error) {
	a := in.Admin
	u, err := s.planUpdate(in)
	if err != nil {
		return sessionindex.User{}, err
	}
	if _, err := s.loadPerson(ctx, in.UserID); err != nil {
		return sessionindex.User{}, err
	}
	err = s.app.Retry(func() error {
		_, ch, err := app.Decide(ctx, s.app, manyDecider(), domain.PersonStream(in.UserID),
			func(person.State) []person.Command { return u.cmds })
		if err != nil {
			return err
		}
		changes := []eventstore.Change{ch}
		if u.ban && len(ch.Events) > 0 {
			revokes, err := s.sessions.RevokeChanges(ctx, session.ReasonRevokeAll, s.sessions.All(in.UserID))
			if err != nil {
				return err
			}
			changes = append(changes, revokes...)
		}
		_, err = s.app.Commit(ctx, s.meta(a), in.UserID, changes...)
		return err
	})
	if err != nil {
		return sessionindex.User{}, err
	}
	return s.user(in.UserID)
}

// planUpdate checks the caller's grants and the data, and turns it into
// person commands: the profile first, then the role, then the ban.
func (s *Service) planUpdate(in UpdateUserInput) (update, error) {
	a, data, now := in.Admin, in.Data, s.app.Now()
	if len(data) == 0 {
		return update{}, ErrNoDataToUpdate
	}
	if _, ok := data["password"]; ok {
		return update{}, ErrPasswordViaUpdateUser
	}
	if _, ok := data["id"]; ok {
		return update{}, ErrUserIDCannotBeUpdated
	}
	rest := make(map[string]any, len(data))
	for k, v := range data {
		rest[k] = v
	}
	var out update
	if err := s.planEmail(a, rest); err != nil {
		return update{}, err
	}
	role, err := planRole(a, rest)
	if err != nil {
		return update{}, err
	}
	ban, err := planBan(a, in.UserID, rest, now)
	if err != nil {
		return update{}, err
	}
	profile, err := s.planProfile(rest, now)
	if err != nil {
		return update{}, err
	}
	if profile != nil {
		out.cmds = append(out.cmds, *profile)
	}
	if role != "" {
		out.cmds = append(out.cmds, person.SetRole{Role: role, By: a.id(), At: now})
	}
	if ban != nil {
		out.cmds = append(out.cmds, ban)
		_, out.ban = ban.(person.Ban)
	}
	return out, nil
}

// planEmail refuses address changes: they need the change-email flow.
func (s *Service) planEmail(a Admin, rest map[string]any) error {
	_, e := rest["email"]
	_, v := rest["emailVerified"]
	if !e && !v {
		return nil
	}
	if err := a.require("user", "set-email", ErrNotAllowedToSetEmail); err != nil {
		return err
	}
	return domain.ErrEmailCannotUpdate
}

// planRole takes the role (a string or a list of strings) out of rest.
func planRole(a Admin, rest map[string]any) (string, error) {
	v, ok := rest["role"]
	if !ok {
		return "", nil
	}
	delete(rest, "role")
	if err := a.require("user", "set-role", ErrNotAllowedToChangeRole); err != nil {
		return "", err
	}
	role, ok := JoinRoles(v)
	if !ok {
		return "", person.ErrInvalidRole
	}
	return role, nil
}

// JoinRoles turns a role value (a string or an array of strings) into the
// stored comma-separated form; ok is false for anything else.
func JoinRoles(v any) (string, bool) {
	switch r := v.(type) {
	case string:
		return r, person.ValidRole(r)
	case []string:
		j := strings.Join(r, ",")
		return j, len(r) > 0 && person.ValidRole(j)
	case []any:
		names := make([]string, 0, len(r))
		for _, x := range r {
			s, ok := x.(string)
			if !ok {
				return "", false
			}
			names = append(names, s)
		}
		return JoinRoles(names)
	}
	return "", false
}

// planBan takes banned, banReason and banExpires out of rest: banned true
// bans, false lifts a ban.
func planBan(a Admin, target string, rest map[string]any, now time.Time) (person.Command, error) {
	banned, hasBanned := rest["banned"]
	reason, hasReason := rest["banReason"]
	expires, hasExpires := rest["banExpires"]
	if !hasBanned && !hasReason && !hasExpires {
		return nil, nil
	}
	delete(rest, "banned")
	delete(rest, "banReason")
	delete(rest, "banExpires")
	if err := a.require("user", "ban", ErrNotAllowedToBan); err != nil {
		return nil, err
	}
	b, ok := banned.(bool)
	if hasBanned && !ok {
		return nil, domain.Errorf(domain.CodeValidation, "[body.data.banned] expected boolean")
	}
	if !b {
		if hasBanned {
			return person.Unban{At: now}, nil
		}
		return nil, domain.Errorf(domain.CodeValidation, "banReason and banExpires need banned: true")
	}
	if target == a.id() {
		return nil, ErrCannotBanYourself
	}
	cmd := person.Ban{Reason: DefaultBanReason, At: now}
	if r, ok := reason.(string); ok && r != "" {
		cmd.Reason = r
	} else if hasReason && reason != nil && !ok {
		return nil, domain.Errorf(domain.CodeValidation, "[body.data.banReason] expected string")
	}
	if hasExpires && expires != nil {
		t, ok := expires.(string)
		at, err := time.Parse(time.RFC3339Nano, t)
		if !ok || err != nil {
			return nil, domain.Errorf(domain.CodeValidation, "[body.data.banExpires] expected a date")
		}
		cmd.Expires = at.UTC().Truncate(time.Millisecond)
	}
	return cmd, nil
}

// planProfile turns name, image and the additional fields into a profile
// update (nil when none is given).
func (s *Service) planProfile(rest map[string]any, now time.Time) (*person.UpdateProfile, error) {
	if len(rest) == 0 {
		return nil, nil
	}
	cmd := person.UpdateProfile{At: now}
	if v, ok := rest["name"]; ok {
		n, ok := v.(string)
		if !ok {
			return nil, domain.Errorf(domain.CodeValidation, "[body.data.name] expected string")
		}
		if err := domain.ValidName(n); err != nil {
			return nil, err
		}
		cmd.Name = &n
		delete(rest, "name")
	}
	if v, ok := rest["image"]; ok {
		img := ""
		if v != nil {
			s, ok := v.(string)
			if !ok {
				return nil, domain.Errorf(domain.CodeValidation, "[body.data.image] expected string")
			}
			img = s
		}
		if err := identity.ValidImage(&img); err != nil {
			return nil, err
		}
		cmd.Image = &img
		delete(rest, "image")
	}
	fields, err := s.identity.Config().Fields.ForUpdate(rest)
	if err != nil {
		return nil, err
	}
	if cmd.Fields, err = person.EncodeFields(fields); err != nil {
		return nil, err
	}
	return &cmd, nil
}

// manyDecider decides several person commands in order on one stream:
// one append for an update that touches the profile, the role and a ban.
func manyDecider() domain.Decider[person.State, []person.Command] {
	return domain.Decider[person.State, []person.Command]{
		Evolve: person.Evolve,
		Decide: func(st person.State, cmds []person.Command) ([]domain.Event, error) {
			var out []domain.Event
			for _, c := range cmds {
				evs, err := person.Decide(st, c)
				if err != nil {
					return nil, err
				}
				for _, e := range evs {
					st = person.Evolve(st, e)
				}
				out = append(out, evs...)
			}
			return out, nil
		},
	}
}
