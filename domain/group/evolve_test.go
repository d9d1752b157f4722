package group

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authledger/authledger/domain"
)

// samples holds one event of every type that changes the state of
// withInvite(); TestEventsEvolve fails when an event is added to Events()
// without a sample here and a case in Evolve.
func samples() map[string]domain.Event {
	later := t0.Add(time.Hour)
	return map[string]domain.Event{
		TypeCreated:            Created{GroupID: "other", Name: "Other", Slug: "other", At: later},
		TypeUpdated:            Updated{SetName: true, Name: "Acme 2", At: later},
		TypeDeleted:            Deleted{GroupID: gid, At: later},
		TypeMemberAdded:        added(mErin, erin, RoleMember),
		TypeMemberRemoved:      MemberRemoved{MemberID: mCarol},
		TypeMemberRoleChanged:  MemberRoleChanged{MemberID: mCarol, Role: RoleAdmin, At: later},
		TypeMemberLeft:         MemberLeft{MemberID: mBob},
		TypeInvitationCreated:  invited(inv2, "x@example.com", RoleAdmin),
		TypeInvitationResent:   InvitationResent{InvitationID: inv1, ExpiresAt: expiry.Add(time.Hour)},
		TypeInvitationAccepted: InvitationAccepted{InvitationID: inv1},
		TypeInvitationRejected: InvitationRejected{InvitationID: inv1},
		TypeInvitationCanceled: InvitationCanceled{InvitationID: inv1},
		TypeInvitationExpired:  InvitationExpired{InvitationID: inv1},
	}
}

// view is a State with its members and invitations as plain values, for
// comparisons (State's indexes are unexported).
type view struct {
	ID, Status, Name, Slug, Logo, Metadata string
	CreatedAt, UpdatedAt                   time.Time
	Owners                                 int
	Members                                []Member
	Invitations                            []Invitation
}

func viewOf(s State) view {
	return view{ID: s.ID, Status: s.Status, Name: s.Name, Slug: s.Slug, Logo: s.Logo, Metadata: s.Metadata,
		CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt, Owners: s.Owners(), Members: s.Members(),
		Invitations: s.Invitations()}
}

// TestEventsEvolve checks that every event in Events() is folded, and that
// Evolve never changes the state it was given (states are values).
func TestEventsEvolve(t *testing.T) {
	all := samples()
	for _, ev := range Events() {
		sample, ok := all[ev.EventType()]
		if !ok {
			t.Fatalf("no sample for %s", ev.EventType())
		}
		if reflect.TypeOf(sample) != reflect.TypeOf(ev) {
			t.Fatalf("sample for %s is a %T", ev.EventType(), sample)
		}
		base := NewDecider().Fold(withInvite())
		before := viewOf(base)
		if cmp.Equal(viewOf(Evolve(base, sample)), before) {
			t.Errorf("%s does not change state", ev.EventType())
		}
		if diff := cmp.Diff(viewOf(base), before); diff != "" {
			t.Errorf("%s changed the given state (-after +before):\n%s", ev.EventType(), diff)
		}
	}
}

// TestBranchesAreIndependent evolves one state two ways: neither branch
// sees the other's change.
func TestBranchesAreIndependent(t *testing.T) {
	base := NewDecider().Fold(team())
	a := Evolve(base, added(mErin, erin, RoleOwner))
	b := Evolve(base, MemberLeft{MemberID: mCarol})
	if _, ok := b.MemberOf(erin); ok || b.Owners() != 1 || b.MemberCount() != 2 {
		t.Errorf("branch b = %+v", viewOf(b))
	}
	if _, ok := a.MemberOf(carol); !ok || a.Owners() != 2 || a.MemberCount() != 4 {
		t.Errorf("branch a = %+v", viewOf(a))
	}
	if base.MemberCount() != 3 || base.Owners() != 1 {
		t.Errorf("base = %+v", viewOf(base))
	}
}

func TestFoldedState(t *testing.T) {
	s := NewDecider().Fold(append(withInvite(),
		MemberRoleChanged{GroupID: gid, MemberID: mCarol, Role: RoleAdmin, At: t0.Add(time.Hour)},
		MemberLeft{GroupID: gid, MemberID: mBob}))
	if !s.Active() || s.Name != "Acme" || s.Slug != "acme" || s.Owners() != 1 || s.MemberCount() != 2 {
		t.Fatalf("state = %+v", viewOf(s))
	}
	if m, ok := s.MemberOf(carol); !ok || m.Role != RoleAdmin || !m.UpdatedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("carol = %+v, %v", m, ok)
	}
	if _, ok := s.MemberOf(bob); ok {
		t.Error("bob is still a member after leaving")
	}
	inv, ok := s.PendingFor(erinEmail)
	want := Invitation{ID: inv1, Email: erinEmail, Role: RoleMember, InviterID: alice, ExpiresAt: expiry, CreatedAt: t0}
	if diff := cmp.Diff(inv, want); !ok || diff != "" {
		t.Errorf("pending invitation (-got +want):\n%s", diff)
	}
	if got := s.PendingCount(expiry); got != 0 {
		t.Errorf("PendingCount at expiry = %d, want 0", got)
	}
	s = Evolve(s, InvitationAccepted{InvitationID: inv1})
	if _, ok := s.PendingFor(erinEmail); ok {
		t.Error("accepted invitation is still pending for its email")
	}
}

// TestEventShape checks the conventions every event follows: a group.
// prefix, a unique name, Actor and a sealed Reason, sealed emails, and a
// JSON round trip that keeps every field.
func TestEventShape(t *testing.T) {
	seen := map[string]bool{}
	all := samples()
	for _, ev := range Events() {
		name := ev.EventType()
		if !strings.HasPrefix(name, "group.") || seen[name] {
			t.Errorf("event name %q: want a unique group.* name", name)
		}
		seen[name] = true
		typ := reflect.TypeOf(ev)
		for _, field := range []string{"GroupID", "Actor", "Reason", "At"} {
			if _, ok := typ.FieldByName(field); !ok {
				t.Errorf("%s has no %s field", name, field)
			}
		}
		for i := range typ.NumField() {
			f := typ.Field(i)
			sealed := f.Tag.Get("pii") == "true"
			if (f.Name == "Email" || f.Name == "Reason") && !sealed {
				t.Errorf("%s.%s must be tagged pii:\"true\"", name, f.Name)
			}
		}
		roundTrip(t, all[name])
	}
}

func roundTrip(t *testing.T, ev domain.Event) {
	t.Helper()
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	back := reflect.New(reflect.TypeOf(ev))
	if err := json.Unmarshal(b, back.Interface()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(back.Elem().Interface(), ev); diff != "" {
		t.Errorf("%s JSON round trip (-got +want):\n%s", ev.EventType(), diff)
	}
}

func TestStream(t *testing.T) {
	if got, want := Stream(gid), "group-"+gid; got != want {
		t.Errorf("Stream = %q, want %q", got, want)
	}
}
