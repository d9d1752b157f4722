package admin

import (
	"context"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// ListInput is one page request over a dimension. After, when non-zero,
// is the position of an earlier write the answer must reflect (the
// caller's consistency token).
type ListInput struct {
	Query ontology.Query
	After eventstore.Position
}

// ListGroups lists organizations.
func (s *Service) ListGroups(ctx context.Context, in ListInput) (ontology.Page[ontology.Group], error) {
	return list(ctx, s, in, s.app.Read.ListGroups)
}

// ListPeople lists persons.
func (s *Service) ListPeople(ctx context.Context, in ListInput) (ontology.Page[ontology.Person], error) {
	return list(ctx, s, in, s.app.Read.ListPeople)
}

// ListThings lists sessions, passkeys, factors, invitations.
func (s *Service) ListThings(ctx context.Context, in ListInput) (ontology.Page[ontology.Thing], error) {
	return list(ctx, s, in, s.app.Read.ListThings)
}

// ListConnections lists memberships, linked accounts and ownerships.
func (s *Service) ListConnections(ctx context.Context, in ListInput) (ontology.Page[ontology.Connection], error) {
	return list(ctx, s, in, s.app.Read.ListConnections)
}

// ListEvents lists the redacted audit rows of the events dimension.
func (s *Service) ListEvents(ctx context.Context, in ListInput) (ontology.Page[ontology.Event], error) {
	return list(ctx, s, in, s.app.Read.ListEvents)
}

// ListKnowledge lists per-subject facts.
func (s *Service) ListKnowledge(ctx context.Context, in ListInput) (ontology.Page[ontology.Fact], error) {
	return list(ctx, s, in, s.app.Read.ListKnowledge)
}

// list waits for the projections to apply what this node acknowledged
// (app.Projected) and to reach in.After (bounded), then reads one page;
// filters are validated by the read store (ontology.ErrBadQuery). Items is
// never nil.
func list[T any](ctx context.Context, s *Service, in ListInput,
	read func(context.Context, ontology.Query) (ontology.Page[T], error)) (ontology.Page[T], error) {
	if err := s.app.Projected(ctx); err != nil {
		return ontology.Page[T]{}, err
	}
	if err := s.waitFor(ctx, in.After); err != nil {
		return ontology.Page[T]{}, err
	}
	page, err := read(ctx, in.Query)
	if err != nil {
		return page, err
	}
	if page.Items == nil {
		page.Items = []T{}
	}
	return page, nil
}

// waitFor is read-your-writes: wait until the projections reach pos.
func (s *Service) waitFor(ctx context.Context, pos eventstore.Position) error {
	if pos.IsZero() || s.app.Projections == nil {
		return nil
	}
	wait, cancel := context.WithTimeout(ctx, s.app.WaitTimeout)
	defer cancel()
	if err := s.app.Projections.WaitFor(wait, pos); err != nil {
		if ctx.Err() != nil {
			return ctx.Err() // the client stopped waiting, not a failure of this node
		}
		return domain.Errorf(domain.CodeUnavailable, "projections have not reached the consistency token yet")
	}
	return nil
}
