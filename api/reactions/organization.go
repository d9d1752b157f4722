package reactions

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// OrganizationName is the default-organization reaction's checkpoint name.
const OrganizationName = "reactions.default-organization.v1"

// OrganizationActor is the actor the memberships it adds record (event
// metadata and the member_added event), with the triggering event as the
// causation id, so the audit trail shows why a person joined.
const OrganizationActor = "reaction:default-organization"

// Trigger is the event that joins a person to the default organization.
type Trigger int

// Triggers.
const (
	// OnSignUp joins at sign-up (person.signed_up).
	OnSignUp Trigger = iota
	// OnEmailVerified joins once the address is proven: on
	// person.email_verified, or at sign-up when the address came verified
	// (a trusted social provider).
	OnEmailVerified
)

// Organization configures DefaultOrganization.
type Organization struct {
	// Slug names the organization. It is looked up at each event: an
	// organization that does not exist (yet, or any more) is logged and the
	// event skipped; nothing is created.
	Slug string
	// Role is the new member's role (member, admin, or several
	// comma-separated; never owner).
	Role string
	// On is the triggering event.
	On Trigger
}

// DefaultOrganization adds new people to the configured organization.
type DefaultOrganization struct {
	app *app.App
	cfg Organization
}

// NewDefaultOrganization returns the reaction over a's log. The role is
// checked here: a bad one is a configuration error.
func NewDefaultOrganization(a *app.App, cfg Organization) (*DefaultOrganization, error) {
	role, err := group.ParseRole(cfg.Role)
	if err != nil || group.IsOwner(role) {
		return nil, domain.Errorf(domain.CodeValidation, "reactions: default organization role must be member, admin or both")
	}
	if strings.TrimSpace(cfg.Slug) == "" {
		return nil, domain.Errorf(domain.CodeValidation, "reactions: default organization slug is required")
	}
	cfg.Role = role
	return &DefaultOrganization{app: a, cfg: cfg}, nil
}

// Subscriber is the outbox subscriber that runs the reaction, keeping its
// checkpoint in cps.
func (d *DefaultOrganization) Subscriber(cps outbox.Checkpoints) *outbox.Subscriber {
	return &outbox.Subscriber{Name: OrganizationName, Store: d.app.Store, Checkpoints: cps, Handler: d, Logger: d.app.Logger}
}

// Wants implements outbox.Handler: sign-ups, and verifications when they
// trigger.
func (d *DefaultOrganization) Wants(rec eventstore.Record) bool {
	return rec.Type == person.TypeSignedUp || (d.cfg.On == OnEmailVerified && rec.Type == person.TypeEmailVerified)
}

// Handle implements outbox.Handler: join the person of rec, unless the
// event does not trigger, the person is gone, or the organization does not
// exist (logged). Already a member is done.
func (d *DefaultOrganization) Handle(ctx context.Context, rec eventstore.Record) error {
	ev, _, err := d.app.Codec.Decode(ctx, rec)
	if err != nil {
		return outbox.Permanent(fmt.Errorf("reactions: decode %s: %w", rec.ID, err))
	}
	personID, ok := d.trigger(ev)
	if !ok {
		return nil
	}
	p, _, err := app.Load(ctx, d.app, person.NewDecider(), domain.PersonStream(personID))
	if err != nil {
		return err
	}
	if !p.Exists || p.Erased {
		return nil
	}
	groupID, err := d.organization(ctx)
	if err != nil || groupID == "" {
		return err
	}
	ids, err := d.app.NewIDs(1)
	if err != nil {
		return err
	}
	now := d.app.Now()
	meta := domain.Metadata{Actor: OrganizationActor, CausationID: rec.ID, OccurredAt: now}
	stream := group.Stream(groupID)
	_, err = app.Run(ctx, d.app, group.NewDecider(), stream, meta, stream, func(group.State) group.Command {
		return group.AddMember{MemberID: ids[0], PersonID: personID, Role: d.cfg.Role, Actor: OrganizationActor,
			Reason: "default organization (" + rec.Type + ")", At: now}
	})
	switch {
	case errors.Is(err, group.ErrAlreadyMember):
		return nil
	case errors.Is(err, group.ErrOrganizationNotFound):
		d.app.Logger.Warn("default organization is gone; person not added", "slug", d.cfg.Slug, "event", rec.ID)
		return nil
	case errors.Is(err, group.ErrMembershipLimitReached):
		return outbox.Permanent(fmt.Errorf("reactions: default organization %q is full: %w", d.cfg.Slug, err))
	case err != nil:
		return fmt.Errorf("reactions: add to default organization: %w", err)
	}
	d.app.Logger.Info("joined the default organization", "event", rec.ID, "slug", d.cfg.Slug)
	return nil
}

// trigger returns the person an event joins, or false when it does not
// trigger under the configuration.
func (d *DefaultOrganization) trigger(ev domain.Event) (string, bool) {
	switch e := ev.(type) {
	case person.SignedUp:
		return e.PersonID, d.cfg.On == OnSignUp || e.EmailVerified
	case person.EmailVerified:
		return e.PersonID, d.cfg.On == OnEmailVerified
	}
	return "", false
}

// organization resolves the slug through its claim; "" (logged) when no
// organization holds it.
func (d *DefaultOrganization) organization(ctx context.Context) (string, error) {
	owner, err := d.app.Owner(ctx, "slug", d.cfg.Slug)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		d.app.Logger.Warn("default organization does not exist; person not added (create it with that slug)", "slug", d.cfg.Slug)
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return strings.TrimPrefix(owner, domain.GroupStreamPrefix), nil
}
