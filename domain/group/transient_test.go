package group

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authledger/authledger/domain"
)

// randomStream returns n random events on a small set of members and
// invitations (adds, re-adds, role changes, removals, leaves, invitations
// and their outcomes, renames, and a Created now and then that resets
// everything), so keys collide and leaves grow and shrink.
func randomStream(rng *rand.Rand, n int) []domain.Event {
	evs := org()
	for i := range n {
		at := t0.Add(time.Duration(i) * time.Second)
		k := rng.IntN(300)
		mem, person, inv := fmt.Sprintf("M%031d", k), fmt.Sprintf("P%031d", k), fmt.Sprintf("I%031d", k)
		var ev domain.Event
		switch r := rng.IntN(100); {
		case r < 35:
			ev = MemberAdded{GroupID: gid, MemberID: mem, PersonID: person, Role: []string{RoleMember, RoleAdmin, RoleOwner}[rng.IntN(3)], Actor: alice, At: at}
		case r < 45:
			ev = MemberRoleChanged{GroupID: gid, MemberID: mem, Role: RoleAdmin, At: at}
		case r < 55:
			ev = MemberRemoved{GroupID: gid, MemberID: mem}
		case r < 60:
			ev = MemberLeft{GroupID: gid, MemberID: mem}
		case r < 75:
			ev = invited(inv, fmt.Sprintf("p%d@example.com", k), RoleMember)
		case r < 80:
			ev = InvitationResent{InvitationID: inv, ExpiresAt: expiry.Add(time.Duration(i) * time.Minute)}
		case r < 88:
			ev = InvitationAccepted{InvitationID: inv}
		case r < 92:
			ev = InvitationCanceled{InvitationID: inv}
		case r < 97:
			ev = Updated{SetName: true, Name: fmt.Sprintf("Acme %d", i), At: at}
		case r < 99:
			ev = Deleted{GroupID: gid, At: at}
		default:
			ev = created()
		}
		evs = append(evs, ev)
	}
	return evs
}

// TestEvolveAllMatchesEvolve folds random streams both ways, in one go and
// onto intermediate states, and checks the results agree and that the
// states EvolveAll started from are unchanged.
func TestEvolveAllMatchesEvolve(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 7))
		evs := randomStream(rng, 3000)
		var want State
		for _, ev := range evs {
			want = Evolve(want, ev)
		}
		if diff := cmp.Diff(viewOf(EvolveAll(State{}, evs)), viewOf(want)); diff != "" {
			t.Fatalf("seed %d: EvolveAll from empty (-got +want):\n%s", seed, diff)
		}
		cut := rng.IntN(len(evs))
		base := NewDecider().Fold(evs[:cut])
		before := viewOf(base)
		got := EvolveAll(base, evs[cut:])
		if diff := cmp.Diff(viewOf(got), viewOf(want)); diff != "" {
			t.Fatalf("seed %d: EvolveAll onto the state after %d events (-got +want):\n%s", seed, cut, diff)
		}
		if diff := cmp.Diff(viewOf(base), before); diff != "" {
			t.Fatalf("seed %d: EvolveAll changed the state it started from (-after +before):\n%s", seed, diff)
		}
		// The result is a value again: a later Evolve leaves it unchanged.
		after := viewOf(got)
		_ = Evolve(got, added(mErin, erin, RoleOwner))
		_ = Evolve(got, MemberRemoved{GroupID: gid, MemberID: mAlice})
		if diff := cmp.Diff(viewOf(got), after); diff != "" {
			t.Fatalf("seed %d: Evolve changed EvolveAll's result (-after +before):\n%s", seed, diff)
		}
	}
}

// TestEvolveAllEmpty keeps the state as is for no events.
func TestEvolveAllEmpty(t *testing.T) {
	base := NewDecider().Fold(withInvite())
	if diff := cmp.Diff(viewOf(EvolveAll(base, nil)), viewOf(base)); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
}
