package projections

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// EventsName is the checkpoint name of the events projector.
const EventsName = "events.v1"

// Outcomes of an events row.
const (
	OutcomeSuccess = "success"
	OutcomeFailure = "failure"
)

// subjectOf returns the id of the person an event is about.
type subjectOf func(domain.Event) (string, error)

// subject adapts a typed accessor to a subjectOf.
func subject[E domain.Event](f func(E) string) subjectOf {
	return func(ev domain.Event) (string, error) {
		e, err := as[E](ev)
		if err != nil {
			return "", err
		}
		return f(e), nil
	}
}

// eventsProjector writes one redacted audit row per event: only ids, the
// type, times and the outcome — never PII, hashes or tokens.
type eventsProjector struct {
	subjects map[string]subjectOf
	failures map[string]bool
}

// Events returns the events.v1 projector: one ontology.Event row per
// record (position, occurredAt, type, stream, actor, subject person,
// outcome "failure" for failed sign-ins and password changes, request id).
// group.* rows carry the organization in GroupID and, for membership
// events, the member's person as subject.
func Events() Projector {
	p := &eventsProjector{
		subjects: map[string]subjectOf{
			person.TypeSignedUp:                subject(func(e person.SignedUp) string { return e.PersonID }),
			person.TypeProfileUpdated:          subject(func(e person.ProfileUpdated) string { return e.PersonID }),
			person.TypeBanned:                  subject(func(e person.Banned) string { return e.PersonID }),
			person.TypeUnbanned:                subject(func(e person.Unbanned) string { return e.PersonID }),
			person.TypeErased:                  subject(func(e person.Erased) string { return e.PersonID }),
			account.TypeCreated:                subject(func(e account.Created) string { return e.PersonID }),
			account.TypeSignInSucceeded:        subject(func(e account.SignInSucceeded) string { return e.PersonID }),
			account.TypeSignInFailed:           subject(func(e account.SignInFailed) string { return e.PersonID }),
			account.TypePasswordChanged:        subject(func(e account.PasswordChanged) string { return e.PersonID }),
			account.TypePasswordChangeFailed:   subject(func(e account.PasswordChangeFailed) string { return e.PersonID }),
			account.TypePasswordResetRequested: subject(func(e account.PasswordResetRequested) string { return e.PersonID }),
			account.TypePasswordReset:          subject(func(e account.PasswordReset) string { return e.PersonID }),
			account.TypePasswordRehashed:       subject(func(e account.PasswordRehashed) string { return e.PersonID }),
			session.TypeCreated:                subject(func(e session.Created) string { return e.PersonID }),
			session.TypeRefreshed:              subject(func(e session.Refreshed) string { return e.PersonID }),
			session.TypeRevoked:                subject(func(e session.Revoked) string { return e.PersonID }),
			session.TypeExpired:                subject(func(e session.Expired) string { return e.PersonID }),
			session.TypeActiveOrganizationSet: subject(func(e session.ActiveOrganizationSet) string {
				return e.PersonID
			}),
		},
		failures: map[string]bool{account.TypeSignInFailed: true, account.TypePasswordChangeFailed: true},
	}
	for _, ev := range group.Events() {
		p.subjects[ev.EventType()] = groupSubject
	}
	addTwoFactorSubjects(p)
	addAuditSubjects(p)
	addPasskeySubjects(p)
	return p
}

// Name implements Projector.
func (p *eventsProjector) Name() string { return EventsName }

// Handles implements Projector: every event type, also unknown ones, so
// the audit trail stops at a record it cannot decode instead of skipping it.
func (p *eventsProjector) Handles(string) bool { return true }

// Ignored implements Projector: the audit trail ignores nothing.
func (p *eventsProjector) Ignored() []string { return nil }

// Apply implements Projector.
func (p *eventsProjector) Apply(ctx context.Context, w ontology.Writer, rec eventstore.Record, ev domain.Event, meta domain.Metadata) error {
	sub, ok := p.subjects[rec.Type]
	if !ok {
		return fmt.Errorf("%w: %s has no subject in %s", ErrUnexpectedEvent, rec.Type, EventsName)
	}
	subj, err := sub(ev)
	if err != nil {
		return err
	}
	groupID, _, _ := groupEventFacts(ev)
	outcome := OutcomeSuccess
	if p.failures[rec.Type] {
		outcome = OutcomeFailure
	}
	return w.AppendEvent(ctx, ontology.Event{
		Position: rec.Position.String(), OccurredAt: rec.OccurredAt, Type: rec.Type, Stream: rec.Stream,
		Actor: meta.Actor, Subject: subj, GroupID: groupID, Outcome: outcome, RequestID: meta.RequestID,
	})
}
