package reactions_test

import (
	"context"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/reactions"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
)

// membership returns the role of personID in the organization slug ("" if
// not a member).
func (r *rig) membership(slug, personID string) string {
	r.t.Helper()
	ctx := context.Background()
	owner, err := r.env.App.Owner(ctx, "slug", slug)
	if err != nil {
		r.t.Fatal(err)
	}
	st, _, err := app.Load(ctx, r.env.App, group.NewDecider(), owner)
	if err != nil {
		r.t.Fatal(err)
	}
	m, _ := st.MemberOf(personID)
	return m.Role
}

// TestDefaultOrganization: the chosen event joins the person with the
// role, recorded by the reaction with the event as cause; a sign-up that
// does not trigger joins nobody; an erased person and a missing
// organization are skipped without failing.
func TestDefaultOrganization(t *testing.T) {
	for _, tt := range []struct {
		name        string
		on          reactions.Trigger
		role        string
		verify      bool // the address is proven after sign-up
		erase       bool // the person is erased before the reaction runs
		noOrg       bool // the organization does not exist
		want        string
		wantCauseOf string // type of the triggering event
	}{
		{"on sign-up", reactions.OnSignUp, "member", false, false, false, "member", person.TypeSignedUp},
		{"admin role", reactions.OnSignUp, "admin", false, false, false, "admin", person.TypeSignedUp},
		{"on email verified, unverified", reactions.OnEmailVerified, "member", false, false, false, "", ""},
		{"on email verified", reactions.OnEmailVerified, "member", true, false, false, "member", person.TypeEmailVerified},
		{"erased person", reactions.OnSignUp, "member", false, true, false, "", ""},
		{"missing organization", reactions.OnSignUp, "member", false, false, true, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			slug := "acme"
			if !tt.noOrg {
				r.createOrg(slug)
			}
			d, err := reactions.NewDefaultOrganization(r.env.App, reactions.Organization{Slug: slug, Role: tt.role, On: tt.on})
			if err != nil {
				t.Fatal(err)
			}
			sub := d.Subscriber(r.cps)
			if err := sub.Init(context.Background()); err != nil {
				t.Fatal(err)
			}
			ann := r.signUp("ann@example.com", app.Caller{}).PersonID
			if tt.verify {
				r.verify(ann, "ann@example.com")
			}
			if tt.erase {
				if _, err := compliance.New(r.env.App, compliance.Deps{}).Forget(context.Background(),
					compliance.ForgetInput{Actor: ann, PersonID: ann}); err != nil {
					t.Fatal(err)
				}
			}
			r.drain(sub)
			added := r.records(group.TypeMemberAdded)
			if tt.noOrg {
				if len(added) != 0 {
					t.Fatalf("%d member_added without an organization", len(added))
				}
				return
			}
			if got := r.membership(slug, ann); got != tt.want {
				t.Fatalf("role = %q, want %q", got, tt.want)
			}
			if tt.want == "" {
				if len(added) != 1 { // the owner's
					t.Fatalf("%d member_added, want only the owner's", len(added))
				}
				return
			}
			last := added[len(added)-1]
			_, meta, err := r.env.App.Codec.Decode(context.Background(), last)
			if err != nil {
				t.Fatal(err)
			}
			cause := r.records(tt.wantCauseOf)
			if meta.Actor != reactions.OrganizationActor || meta.CausationID != cause[len(cause)-1].ID {
				t.Errorf("meta = %+v, want actor %s caused by %s", meta, reactions.OrganizationActor, cause[len(cause)-1].ID)
			}
		})
	}
}

// TestDefaultOrganizationIsIdempotent: a record handled again (a crash
// before the checkpoint moved) adds nobody twice and does not fail; a
// subscriber restarted on the same checkpoints resumes after what it did.
func TestDefaultOrganizationIsIdempotent(t *testing.T) {
	r := newRig(t)
	r.createOrg("acme")
	d, err := reactions.NewDefaultOrganization(r.env.App, reactions.Organization{Slug: "acme", Role: "member"})
	if err != nil {
		t.Fatal(err)
	}
	sub := d.Subscriber(r.cps)
	if err := sub.Init(context.Background()); err != nil {
		t.Fatal(err)
	}
	ann := r.signUp("ann@example.com", app.Caller{}).PersonID
	r.drain(sub)
	signedUp := r.records(person.TypeSignedUp)
	for range 2 {
		if err := d.Handle(context.Background(), signedUp[len(signedUp)-1]); err != nil {
			t.Fatalf("redelivery: %v", err)
		}
	}
	bob := r.signUp("bob@example.com", app.Caller{}).PersonID
	r.drain(d.Subscriber(r.cps)) // a restart
	if n := len(r.records(group.TypeMemberAdded)); n != 3 {
		t.Errorf("%d member_added, want 3 (owner, ann, bob)", n)
	}
	for _, p := range []string{ann, bob} {
		if r.membership("acme", p) != "member" {
			t.Errorf("%s is not a member", p)
		}
	}
}

// TestDefaultOrganizationRefusesBadSettings: owner or unknown roles and a
// blank slug are configuration errors.
func TestDefaultOrganizationRefusesBadSettings(t *testing.T) {
	r := newRig(t)
	for _, cfg := range []reactions.Organization{{Slug: "acme", Role: "owner"}, {Slug: "acme", Role: "boss"},
		{Slug: " ", Role: "member"}, {Slug: "acme", Role: "member,owner"}} {
		if _, err := reactions.NewDefaultOrganization(r.env.App, cfg); err == nil {
			t.Errorf("%+v accepted", cfg)
		}
	}
}
