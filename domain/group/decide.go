package group

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/authledger/authledger/domain"
)

// NewDecider returns the group decider.
func NewDecider() domain.Decider[State, Command] {
	return domain.Decider[State, Command]{Decide: Decide, Evolve: Evolve, EvolveAll: EvolveAll}
}

// Decide turns a command into events. Every command but create is decided
// against this organization's state only: the actor must be a member here
// (or, for accept and reject, the invitation's recipient) and hold the
// permission in this organization; a deleted organization refuses all.
func Decide(s State, c Command) ([]domain.Event, error) {
	switch c := c.(type) {
	case CreateOrganization:
		return decideCreate(s, c)
	case UpdateOrganization:
		return decideUpdate(s, c)
	case DeleteOrganization:
		return decideDelete(s, c)
	case InviteMember:
		return decideInvite(s, c)
	case AcceptInvitation:
		return decideAccept(s, c)
	case RejectInvitation:
		return decideReject(s, c)
	case CancelInvitation:
		return decideCancel(s, c)
	case ExpireInvitation:
		return decideExpire(s, c)
	case RemoveMember:
		return decideRemove(s, c)
	case UpdateMemberRole:
		return decideRole(s, c)
	case Leave:
		return decideLeave(s, c)
	case AddMember:
		return decideAdd(s, c)
	}
	return nil, domain.Errorf(domain.CodeInternal, "group: unknown command")
}

// authorize returns the actor's membership when the organization is
// active, the actor is one of its members (else notMember) and, when perms
// is not nil, the actor's role grants perms (else denied).
func authorize(s State, actor string, perms map[string][]string, notMember, denied error) (Member, error) {
	if !s.Active() {
		return Member{}, ErrOrganizationNotFound
	}
	m, ok := s.MemberOf(actor)
	if !ok {
		return Member{}, notMember
	}
	if perms != nil && !HasPermission(m.Role, perms) {
		return Member{}, denied
	}
	return m, nil
}

func decideCreate(s State, c CreateOrganization) ([]domain.Event, error) {
	if s.Exists() {
		return nil, ErrOrganizationAlreadyExists
	}
	if !domain.ValidID(c.GroupID) || !domain.ValidID(c.MemberID) || !domain.ValidID(c.Actor) {
		return nil, domain.Errorf(domain.CodeValidation, "organization, member and creator ids are required")
	}
	if err := validateFields(&c.Name, &c.Slug, &c.Metadata); err != nil {
		return nil, err
	}
	return []domain.Event{
		Created{GroupID: c.GroupID, Name: c.Name, Slug: c.Slug, Logo: c.Logo, Metadata: c.Metadata,
			Actor: c.Actor, Reason: c.Reason, At: c.At},
		MemberAdded{GroupID: c.GroupID, MemberID: c.MemberID, PersonID: c.Actor, Role: RoleOwner,
			Actor: c.Actor, Reason: c.Reason, At: c.At},
	}, nil
}

func decideUpdate(s State, c UpdateOrganization) ([]domain.Event, error) {
	perms := map[string][]string{ResourceOrganization: {ActionUpdate}}
	if _, err := authorize(s, c.Actor, perms, ErrUserNotMember, ErrNotAllowedToUpdateOrg); err != nil {
		return nil, err
	}
	if err := validateFields(c.Name, c.Slug, c.Metadata); err != nil {
		return nil, err
	}
	ev := Updated{GroupID: s.ID, Actor: c.Actor, Reason: c.Reason, At: c.At}
	ev.SetName, ev.Name = changed(c.Name, s.Name)
	ev.SetSlug, ev.Slug = changed(c.Slug, s.Slug)
	ev.SetLogo, ev.Logo = changed(c.Logo, s.Logo)
	ev.SetMetadata, ev.Metadata = changed(c.Metadata, s.Metadata)
	if !ev.SetName && !ev.SetSlug && !ev.SetLogo && !ev.SetMetadata {
		return nil, nil
	}
	if ev.SetSlug {
		ev.PreviousSlug = s.Slug
	}
	return []domain.Event{ev}, nil
}

func decideDelete(s State, c DeleteOrganization) ([]domain.Event, error) {
	perms := map[string][]string{ResourceOrganization: {ActionDelete}}
	if _, err := authorize(s, c.Actor, perms, ErrUserNotMember, ErrNotAllowedToDeleteOrg); err != nil {
		return nil, err
	}
	return []domain.Event{Deleted{GroupID: s.ID, Slug: s.Slug, Actor: c.Actor, Reason: c.Reason, At: c.At}}, nil
}

// changed reports whether a requested value differs from the current one.
func changed(want *string, have string) (bool, string) {
	if want == nil || *want == have {
		return false, ""
	}
	return true, *want
}

// validateFields checks the organization fields that are set: a name must
// not be blank, a slug must be canonical (CanonicalSlug), metadata must be
// a JSON object of at most MaxMetadataLen bytes or "".
func validateFields(name, slug, metadata *string) error {
	if name != nil && strings.TrimSpace(*name) == "" {
		return domain.Errorf(domain.CodeValidation, "[body.name] name is required")
	}
	if slug != nil {
		if err := validSlug(*slug); err != nil {
			return err
		}
	}
	if metadata != nil && len(*metadata) > MaxMetadataLen {
		return ErrMetadataTooLarge
	}
	if metadata != nil && *metadata != "" && !isJSONObject(*metadata) {
		return domain.Errorf(domain.CodeValidation, "[body.metadata] expected object")
	}
	return nil
}

func isJSONObject(s string) bool {
	b := bytes.TrimSpace([]byte(s))
	return len(b) > 0 && b[0] == '{' && json.Valid(b)
}
