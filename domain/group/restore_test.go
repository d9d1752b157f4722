package group

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authledger/authledger/domain"
)

// TestRestoreEqualsFold: a state restored from its parts equals the fold
// (members, person index, owners, invitations), for small and large
// organizations, and stays a value: evolving it leaves it unchanged.
func TestRestoreEqualsFold(t *testing.T) {
	for _, n := range []int{0, 1, 30, 3000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			evs := withInvite()
			for i := range n {
				evs = append(evs, added(fmt.Sprintf("m-%d", i), fmt.Sprintf("p-%d", i), []string{RoleMember, RoleOwner}[i%2]))
			}
			want := EvolveAll(State{}, evs)
			got, err := Restore(want, want.Members(), want.Invitations())
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(viewOf(want), viewOf(got)); d != "" {
				t.Fatalf("restored state differs (-fold +restored):\n%s", d)
			}
			for _, m := range want.Members() {
				if got, ok := got.MemberOf(m.PersonID); !ok || got.ID != m.ID {
					t.Fatalf("MemberOf(%s) = %v, %v; want %s", m.PersonID, got.ID, ok, m.ID)
				}
			}
			before := viewOf(got)
			more := []domain.Event{MemberLeft{MemberID: mCarol}, added("m-new", "p-new", RoleMember)}
			evolved := EvolveAll(got, more)
			if d := cmp.Diff(before, viewOf(got)); d != "" {
				t.Fatalf("evolving the restored state changed it:\n%s", d)
			}
			if d := cmp.Diff(viewOf(EvolveAll(want, more)), viewOf(evolved)); d != "" {
				t.Fatalf("the evolved restored state differs from the evolved fold:\n%s", d)
			}
		})
	}
}

func TestRestoreRefuses(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m := func(id, person string) Member {
		return Member{ID: id, PersonID: person, Role: RoleMember, JoinedAt: at}
	}
	for _, c := range []struct {
		name    string
		members []Member
		invs    []Invitation
	}{
		{"member without an ID", []Member{m("", "p1")}, nil},
		{"member without a person", []Member{m("m1", "")}, nil},
		{"member twice", []Member{m("m1", "p1"), m("m1", "p2")}, nil},
		{"person twice", []Member{m("m1", "p1"), m("m2", "p1")}, nil},
		{"invitation without an ID", nil, []Invitation{{Email: "a@example.test"}}},
		{"invitation twice", nil, []Invitation{{ID: "i1"}, {ID: "i1"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Restore(State{ID: gid, Status: StatusActive}, c.members, c.invs); !errors.Is(err, ErrBadState) {
				t.Fatalf("Restore = %v, want ErrBadState", err)
			}
		})
	}
}
