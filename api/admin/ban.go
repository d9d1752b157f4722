package admin

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// BanInput names the person to ban, why, and who asks.
type BanInput struct {
	Caller   app.Caller
	Actor    string // the operator key (key:<id>); "" is Actor
	PersonID string
	Reason   string
}

// Ban bans a person and revokes every session of theirs in the same
// append: each answers 401 on its next request, on every node. Banning a
// banned person appends nothing; an unknown person is not found.
func (s *Service) Ban(ctx context.Context, in BanInput) error {
	if !domain.ValidID(in.PersonID) {
		return domain.ErrNotFound
	}
	return s.app.Retry(func() error {
		now := s.app.Now()
		_, ban, err := app.Decide(ctx, s.app, person.NewDecider(), domain.PersonStream(in.PersonID),
			func(person.State) person.Command { return person.Ban{Reason: in.Reason, At: now} })
		if err != nil {
			return err
		}
		changes := []eventstore.Change{ban}
		if len(ban.Events) > 0 {
			revokes, err := s.sessions.RevokeChanges(ctx, session.ReasonRevokeAll, s.sessions.All(in.PersonID))
			if err != nil {
				return err
			}
			changes = append(changes, revokes...)
		}
		_, err = s.app.Commit(ctx, in.Caller.Meta(actorOr(in.Actor), s.app.Now()), in.PersonID, changes...)
		return err
	})
}

// UnbanInput names the person whose ban to lift.
type UnbanInput struct {
	Caller   app.Caller
	Actor    string // the operator key (key:<id>); "" is Actor
	PersonID string
}

// Unban lifts a ban (a person not banned: nothing appended).
func (s *Service) Unban(ctx context.Context, in UnbanInput) error {
	if !domain.ValidID(in.PersonID) {
		return domain.ErrNotFound
	}
	now := s.app.Now()
	_, err := app.Run(ctx, s.app, person.NewDecider(), domain.PersonStream(in.PersonID), in.Caller.Meta(actorOr(in.Actor), now),
		in.PersonID, func(person.State) person.Command { return person.Unban{At: now} })
	return err
}
