package group

import (
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
)

func invite(actor, email, role string) InviteMember {
	return InviteMember{InvitationID: inv2, Email: email, Role: role, ExpiresAt: expiry, Actor: actor, At: t0}
}

func TestDecideInvite(t *testing.T) {
	later := t0.Add(time.Hour)
	renewed := expiry.Add(time.Hour)
	resend := invite(alice, erinEmail, RoleMember)
	resend.Resend, resend.ExpiresAt, resend.At = true, renewed, later
	again := invite(bob, erinEmail, RoleAdmin)
	again.At, again.ExpiresAt = expiry, expiry.Add(48*time.Hour)
	known := invite(alice, "carol@example.com", RoleMember)
	known.InviteePersonID = carol
	full := invite(alice, "x@example.com", RoleMember)
	full.InvitationLimit = 1
	run(t, []decideCase{
		{"admin invites a member", team(), invite(bob, erinEmail, RoleMember),
			[]domain.Event{InvitationCreated{GroupID: gid, InvitationID: inv2, Email: erinEmail, Role: RoleMember,
				ExpiresAt: expiry, Actor: bob, At: t0}}, nil},
		{"admin invites an admin", team(), invite(bob, erinEmail, RoleAdmin),
			[]domain.Event{InvitationCreated{GroupID: gid, InvitationID: inv2, Email: erinEmail, Role: RoleAdmin,
				ExpiresAt: expiry, Actor: bob, At: t0}}, nil},
		{"owner invites an owner", team(), invite(alice, erinEmail, RoleOwner),
			[]domain.Event{InvitationCreated{GroupID: gid, InvitationID: inv2, Email: erinEmail, Role: RoleOwner,
				ExpiresAt: expiry, Actor: alice, At: t0}}, nil},
		{"role is canonicalized", team(), invite(alice, erinEmail, " admin, member,admin"),
			[]domain.Event{InvitationCreated{GroupID: gid, InvitationID: inv2, Email: erinEmail,
				Role: "admin,member", ExpiresAt: expiry, Actor: alice, At: t0}}, nil},
		{"admin cannot invite an owner", team(), invite(bob, erinEmail, RoleOwner), nil, ErrNotAllowedToInviteWithRole},
		{"admin cannot smuggle owner in a role list", team(), invite(bob, erinEmail, "member,owner"),
			nil, ErrNotAllowedToInviteWithRole},
		{"member cannot invite", team(), invite(carol, erinEmail, RoleMember), nil, ErrNotAllowedToInvite},
		{"member cannot invite an admin", team(), invite(carol, erinEmail, RoleAdmin), nil, ErrNotAllowedToInvite},
		{"outsider cannot invite", team(), invite(dave, erinEmail, RoleMember), nil, ErrMemberNotFound},
		{"unknown role", team(), invite(alice, erinEmail, "superuser"), nil, ErrRoleNotFound},
		{"empty role", team(), invite(alice, erinEmail, " , "), nil, ErrRoleNotFound},
		{"missing email", team(), invite(alice, "", RoleMember), nil, errValidation},
		{"expiry not in the future", team(), InviteMember{InvitationID: inv2, Email: erinEmail, Role: RoleMember,
			ExpiresAt: t0, Actor: alice, At: t0}, nil, errValidation},
		{"existing member", team(), known, nil, ErrAlreadyMember},
		{"pending email without resend", withInvite(), invite(alice, erinEmail, RoleMember), nil, ErrAlreadyInvited},
		{"pending email with resend renews expiry", withInvite(), resend,
			[]domain.Event{InvitationResent{GroupID: gid, InvitationID: inv1, ExpiresAt: renewed, Actor: alice,
				At: later}}, nil},
		{"expired pending email is expired, then invited again", withInvite(), again, []domain.Event{
			InvitationExpired{GroupID: gid, InvitationID: inv1, ExpiresAt: expiry, Actor: bob, At: expiry},
			InvitationCreated{GroupID: gid, InvitationID: inv2, Email: erinEmail, Role: RoleAdmin,
				ExpiresAt: again.ExpiresAt, Actor: bob, At: expiry}}, nil},
		{"invitation limit", withInvite(), full, nil, ErrInvitationLimitReached},
		{"reused invitation id", withInvite(), InviteMember{InvitationID: inv1, Email: "x@example.com",
			Role: RoleMember, ExpiresAt: expiry, Actor: alice, At: t0}, nil, domain.Errorf(domain.CodeConflict, "")},
	})
}

func accept(email string, at time.Time) AcceptInvitation {
	return AcceptInvitation{InvitationID: inv1, MemberID: mErin, Email: email, Actor: erin, Reason: "joining", At: at}
}

func TestDecideAcceptReject(t *testing.T) {
	accepted := append(withInvite(), InvitationAccepted{GroupID: gid, InvitationID: inv1, MemberID: mErin,
		Role: RoleMember, Actor: erin, At: t0}, MemberAdded{GroupID: gid, MemberID: mErin, PersonID: erin,
		Role: RoleMember, InvitationID: inv1, Actor: erin, At: t0})
	unverified := accept(erinEmail, t0)
	unverified.RequireEmailVerification = true
	verified := unverified
	verified.EmailVerified = true
	limited := accept(erinEmail, t0)
	limited.MembershipLimit = 3
	member := accept(erinEmail, t0)
	member.Actor = carol
	run(t, []decideCase{
		{"invitee accepts", withInvite(), accept(erinEmail, t0), []domain.Event{
			InvitationAccepted{GroupID: gid, InvitationID: inv1, MemberID: mErin, Role: RoleMember, Actor: erin,
				Reason: "joining", At: t0},
			MemberAdded{GroupID: gid, MemberID: mErin, PersonID: erin, Role: RoleMember, InvitationID: inv1,
				Actor: erin, Reason: "joining", At: t0}}, nil},
		{"accepting twice", accepted, accept(erinEmail, t0), nil, ErrInvitationNotFound},
		{"another email cannot accept", withInvite(), accept("mallory@example.com", t0), nil, ErrNotRecipient},
		{"no email cannot accept", withInvite(), accept("", t0), nil, ErrNotRecipient},
		{"expired", withInvite(), accept(erinEmail, expiry), nil, ErrInvitationExpired},
		{"unknown invitation", team(), accept(erinEmail, t0), nil, ErrInvitationNotFound},
		{"verification required, unverified", withInvite(), unverified, nil, ErrEmailVerificationRequired},
		{"verification required, verified", withInvite(), verified, []domain.Event{
			InvitationAccepted{GroupID: gid, InvitationID: inv1, MemberID: mErin, Role: RoleMember, Actor: erin,
				Reason: "joining", At: t0},
			MemberAdded{GroupID: gid, MemberID: mErin, PersonID: erin, Role: RoleMember, InvitationID: inv1,
				Actor: erin, Reason: "joining", At: t0}}, nil},
		{"membership limit", withInvite(), limited, nil, ErrMembershipLimitReached},
		{"already a member", withInvite(), member, nil, ErrAlreadyMember},
		{"canceled invitation", append(withInvite(), InvitationCanceled{GroupID: gid, InvitationID: inv1, At: t0}),
			accept(erinEmail, t0), nil, ErrInvitationNotFound},

		{"invitee rejects", withInvite(), RejectInvitation{InvitationID: inv1, Email: erinEmail, Actor: erin,
			Reason: "no thanks", At: t0}, []domain.Event{InvitationRejected{GroupID: gid, InvitationID: inv1,
			Actor: erin, Reason: "no thanks", At: t0}}, nil},
		{"another email cannot reject", withInvite(), RejectInvitation{InvitationID: inv1, Email: "x@example.com",
			Actor: dave, At: t0}, nil, ErrNotRecipient},
		{"reject unverified when required", withInvite(), RejectInvitation{InvitationID: inv1, Email: erinEmail,
			RequireEmailVerification: true, Actor: erin, At: t0}, nil, ErrEmailVerificationRequired},
		{"reject expired", withInvite(), RejectInvitation{InvitationID: inv1, Email: erinEmail, Actor: erin,
			At: expiry}, nil, ErrInvitationExpired},
		{"reject after accepting", accepted, RejectInvitation{InvitationID: inv1, Email: erinEmail, Actor: erin,
			At: t0}, nil, ErrInvitationNotFound},
	})
}

func TestDecideCancelExpire(t *testing.T) {
	run(t, []decideCase{
		{"admin cancels", withInvite(), CancelInvitation{InvitationID: inv1, Actor: bob, Reason: "typo", At: t0},
			[]domain.Event{InvitationCanceled{GroupID: gid, InvitationID: inv1, Actor: bob, Reason: "typo", At: t0}}, nil},
		{"owner cancels an expired invitation", withInvite(), CancelInvitation{InvitationID: inv1, Actor: alice,
			At: expiry}, []domain.Event{InvitationCanceled{GroupID: gid, InvitationID: inv1, Actor: alice,
			At: expiry}}, nil},
		{"member cannot cancel", withInvite(), CancelInvitation{InvitationID: inv1, Actor: carol, At: t0},
			nil, ErrNotAllowedToCancel},
		{"outsider cannot cancel", withInvite(), CancelInvitation{InvitationID: inv1, Actor: dave, At: t0},
			nil, ErrMemberNotFound},
		{"cancel unknown invitation", team(), CancelInvitation{InvitationID: inv1, Actor: alice, At: t0},
			nil, ErrInvitationNotFound},

		{"sweep expires a past-due invitation", withInvite(), ExpireInvitation{InvitationID: inv1, At: expiry},
			[]domain.Event{InvitationExpired{GroupID: gid, InvitationID: inv1, ExpiresAt: expiry, At: expiry}}, nil},
		{"sweep before expiry is a no-op", withInvite(), ExpireInvitation{InvitationID: inv1, At: t0}, nil, nil},
		{"sweep of an answered invitation is a no-op", append(withInvite(), InvitationRejected{GroupID: gid,
			InvitationID: inv1, At: t0}), ExpireInvitation{InvitationID: inv1, At: expiry}, nil, nil},
	})
}
