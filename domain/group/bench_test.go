package group

import (
	"fmt"
	"testing"

	"github.com/authledger/authledger/domain"
)

// bigOrg is an organization whose n members each joined by invitation
// (3 events per member).
func bigOrg(n int) []domain.Event {
	evs := org()
	for i := range n {
		inv, mem, person := fmt.Sprintf("I%031d", i), fmt.Sprintf("M%031d", i), fmt.Sprintf("P%031d", i)
		evs = append(evs, invited(inv, fmt.Sprintf("p%d@example.com", i), RoleMember),
			InvitationAccepted{GroupID: gid, InvitationID: inv, MemberID: mem, Role: RoleMember, Actor: person, At: t0},
			added(mem, person, RoleMember))
	}
	return evs
}

// BenchmarkFold measures loading an organization: Evolve copies the member
// and invitation path it changes (pmap), so folding is linear in events;
// EvolveAll (the decider's Fold) copies each node once per fold instead.
func BenchmarkFold(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		evs := bigOrg(n)
		b.Run(fmt.Sprintf("members=%d/evolve", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var s State
				for _, ev := range evs {
					s = Evolve(s, ev)
				}
			}
		})
		b.Run(fmt.Sprintf("members=%d/evolve-all", n), func(b *testing.B) {
			b.ReportAllocs()
			d := NewDecider()
			for b.Loop() {
				_ = d.Fold(evs)
			}
		})
	}
}

// BenchmarkDecideRole measures one decision in a 1000-member organization.
func BenchmarkDecideRole(b *testing.B) {
	s := NewDecider().Fold(bigOrg(1000))
	c := UpdateMemberRole{MemberID: fmt.Sprintf("M%031d", 500), Role: RoleAdmin, Actor: alice, At: t0}
	for b.Loop() {
		if _, err := Decide(s, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRestore measures rebuilding a 10,000-member organization from
// a snapshot's parts, beside sorting its members (Members), which the
// first get-full-organization after the restore pays too.
func BenchmarkRestore(b *testing.B) {
	st := NewDecider().Fold(bigOrg(10000))
	members, invs := st.Members(), st.Invitations()
	b.Run("restore", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Restore(st, members, invs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("members", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = st.Members()
		}
	})
}
