package sessions

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// LiftExpiredBan decides the person.unbanned that ends a ban whose expiry
// has passed, for a sign-in to append with the session it opens (as
// Better Auth lifts an expired ban when the next session is created).
// ok is false when the person is not banned or the ban still holds.
func (s *Service) LiftExpiredBan(ctx context.Context, personID string, now time.Time) (eventstore.Change, bool, error) {
	stream := domain.PersonStream(personID)
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), stream)
	if err != nil || !p.Banned || p.BannedAt(now) {
		return eventstore.Change{}, false, err
	}
	_, ch, err := app.Decide(ctx, s.app, person.NewDecider(), stream,
		func(person.State) person.Command { return person.Unban{At: now} })
	return ch, err == nil && len(ch.Events) > 0, err
}
