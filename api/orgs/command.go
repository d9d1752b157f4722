package orgs

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// orgCommand is one command on an organization's stream, by actor.
type orgCommand struct {
	caller  app.Caller
	actor   string
	groupID string
	// build makes the command (again on every attempt, so At is fresh).
	build func() group.Command
	// with, when set, returns the changes appended atomically with the
	// decided events: claims on the group stream, session events.
	with func(st group.State, evs []domain.Event) ([]eventstore.Change, error)
}

// handle runs oc through the kernel: fold the group stream (through the
// fold cache), decide, append under the version read together with oc's
// other changes, sealed with the group's key; a concurrent writer makes it
// decide again on the new state.
func (s *Service) handle(ctx context.Context, oc orgCommand) (eventstore.Outcome[group.State], error) {
	stream := group.Stream(oc.groupID)
	return app.Handle(ctx, s.app, eventstore.Command[group.State, group.Command]{
		Decider: s.decider,
		Stream:  stream,
		Build:   func(group.State) (group.Command, error) { return oc.build(), nil },
		With:    oc.with,
		Meta:    oc.caller.Meta(oc.actor, s.app.Now()),
		KeyRef:  stream,
		Cache:   s.states,
	})
}

// activeChange decides session.active_organization_set on the caller's
// session, to append with another change.
func (s *Service) activeChange(ctx context.Context, a sessions.Authed, orgID string) (eventstore.Change, error) {
	_, ch, err := app.Decide(ctx, s.app, session.NewDecider(), domain.SessionStream(a.Session.ID),
		func(session.State) session.Command {
			return session.SetActiveOrganization{OrganizationID: orgID, At: s.app.Now()}
		})
	return ch, err
}

// clearActiveIf returns the change that clears the session's active
// organization when it is id (nothing otherwise).
func (s *Service) clearActiveIf(ctx context.Context, a sessions.Authed, id string) ([]eventstore.Change, error) {
	if a.Session.ActiveOrganizationID != id {
		return nil, nil
	}
	ch, err := s.activeChange(ctx, a, "")
	return []eventstore.Change{ch}, err
}

// slugChange is a claim (and release) on the group stream itself.
func (s *Service) slugChange(stream, claim, release string) eventstore.Change {
	ch := eventstore.Change{Stream: stream}
	if claim != "" {
		ch.Claims = []eventstore.Claim{s.app.Claim("slug", claim, stream)}
	}
	if release != "" {
		ch.Releases = []eventstore.Claim{s.app.Claim("slug", release, stream)}
	}
	return ch
}
