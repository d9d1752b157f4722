package group

import (
	"testing"

	"github.com/authledger/authledger/domain"
)

// erasedInvite is an invitation whose address key was destroyed: the
// codec hands it over with EmailKey set and Email empty.
func erasedInvite() []domain.Event {
	e := invited(inv1, "", RoleMember)
	e.EmailKey = InviteeKeyPrefix + "k1"
	return append(team(), e)
}

// TestInvitationEmailKey: the invitee's key ref travels from the command
// to the event; an erased address is flagged in the state, matches no
// email, and nobody can accept it.
func TestInvitationEmailKey(t *testing.T) {
	keyed := invite(alice, erinEmail, RoleMember)
	keyed.EmailKey = InviteeKeyPrefix + "k1"
	accept := AcceptInvitation{InvitationID: inv1, MemberID: "m-new", Email: erinEmail, Actor: erin, At: t0}
	run(t, []decideCase{
		{"the key ref is recorded", team(), keyed, []domain.Event{InvitationCreated{GroupID: gid, InvitationID: inv2,
			Email: erinEmail, EmailKey: keyed.EmailKey, Role: RoleMember, ExpiresAt: expiry, Actor: alice, At: t0}}, nil},
		{"an erased invitation cannot be accepted", erasedInvite(), accept, nil, ErrNotRecipient},
		{"the erased address can be invited anew", erasedInvite(), keyed, []domain.Event{InvitationCreated{GroupID: gid,
			InvitationID: inv2, Email: erinEmail, EmailKey: keyed.EmailKey, Role: RoleMember, ExpiresAt: expiry,
			Actor: alice, At: t0}}, nil},
	})
	st := NewDecider().Fold(erasedInvite())
	inv, ok := st.Invitation(inv1)
	if !ok || !inv.EmailErased || inv.Email != "" {
		t.Errorf("erased invitation in the state = %+v, %v", inv, ok)
	}
	if _, ok := st.PendingFor(""); ok {
		t.Errorf("PendingFor(\"\") matched an erased invitation")
	}
	live, _ := NewDecider().Fold(withInvite()).Invitation(inv1)
	if live.EmailErased {
		t.Errorf("a readable invitation is flagged erased: %+v", live)
	}
}
