package orgs

import (
	"context"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
)

// RemoveMemberInput names a member to remove by member id or by email.
type RemoveMemberInput struct {
	Caller          app.Caller
	Authed          sessions.Authed
	OrganizationID  string // "": the session's active organization
	MemberIDOrEmail string
}

// RemoveMember removes another member (member:delete permission), named
// by member id or by email (resolved to a person through the email claim,
// so the group stream never needs members' emails). It returns the
// membership removed, CreatedAt being the removal's time.
func (s *Service) RemoveMember(ctx context.Context, in RemoveMemberInput) (Member, error) {
	id, err := s.target(ctx, in.Authed, Target{OrganizationID: in.OrganizationID})
	if err != nil {
		return Member{}, err
	}
	actor := in.Authed.User.ID
	cmd := group.RemoveMember{MemberID: in.MemberIDOrEmail, Actor: actor}
	if strings.Contains(in.MemberIDOrEmail, "@") {
		canon, err := email.Canonicalize(in.MemberIDOrEmail)
		if err != nil {
			return Member{}, err
		}
		if cmd.PersonID, err = s.personByEmail(ctx, canon); err != nil {
			return Member{}, err
		}
		cmd.MemberID = ""
	}
	out, err := s.handle(ctx, orgCommand{caller: in.Caller, actor: actor, groupID: id,
		build: func() group.Command { cmd.At = s.app.Now(); return cmd }})
	if err != nil {
		return Member{}, err
	}
	for _, ev := range out.Events {
		if r, ok := ev.(group.MemberRemoved); ok {
			return Member{OrganizationID: id, ID: r.MemberID, PersonID: r.PersonID, Role: r.Role, CreatedAt: r.At}, nil
		}
	}
	return Member{}, group.ErrMemberNotFound
}

// UpdateMemberRoleInput sets a member's role.
type UpdateMemberRoleInput struct {
	Caller         app.Caller
	Authed         sessions.Authed
	OrganizationID string // "": the session's active organization
	MemberID       string
	Role           string // comma-separated roles
}

// UpdateMemberRole sets a member's role (member:update permission; only an
// owner grants owner, and the last owner stays one). It returns the
// membership as updated.
func (s *Service) UpdateMemberRole(ctx context.Context, in UpdateMemberRoleInput) (Member, error) {
	id, err := s.target(ctx, in.Authed, Target{OrganizationID: in.OrganizationID})
	if err != nil {
		return Member{}, err
	}
	actor := in.Authed.User.ID
	out, err := s.handle(ctx, orgCommand{caller: in.Caller, actor: actor, groupID: id,
		build: func() group.Command {
			return group.UpdateMemberRole{MemberID: in.MemberID, Role: in.Role, Actor: actor, At: s.app.Now()}
		}})
	if err != nil {
		return Member{}, err
	}
	m, _ := out.State.Member(in.MemberID)
	return toMember(id, m), nil
}

// LeaveInput names the organization the caller leaves.
type LeaveInput struct {
	Caller         app.Caller
	Authed         sessions.Authed
	OrganizationID string // "": the session's active organization
}

// Leave removes the caller from the organization (not its only owner) and
// clears it as the session's active organization. It returns the
// membership left, CreatedAt being the time of leaving.
func (s *Service) Leave(ctx context.Context, in LeaveInput) (Member, error) {
	id, err := s.target(ctx, in.Authed, Target{OrganizationID: in.OrganizationID})
	if err != nil {
		return Member{}, err
	}
	actor := in.Authed.User.ID
	out, err := s.handle(ctx, orgCommand{caller: in.Caller, actor: actor, groupID: id,
		build: func() group.Command { return group.Leave{Actor: actor, At: s.app.Now()} },
		with: func(group.State, []domain.Event) ([]eventstore.Change, error) {
			return s.clearActiveIf(ctx, in.Authed, id)
		}})
	if err != nil {
		return Member{}, err
	}
	for _, ev := range out.Events {
		if l, ok := ev.(group.MemberLeft); ok {
			return Member{OrganizationID: id, ID: l.MemberID, PersonID: l.PersonID, Role: l.Role, CreatedAt: l.At}, nil
		}
	}
	return Member{}, group.ErrMemberNotFound
}
