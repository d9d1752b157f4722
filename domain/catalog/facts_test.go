package catalog_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
)

// TestEveryEventHasFacts: the facts table and the event list name the same
// types, once each, each with an OWASP name.
func TestEveryEventHasFacts(t *testing.T) {
	facts := catalog.FactsByType()
	events := catalog.Events()
	if len(facts) != len(events) || len(catalog.Facts()) != len(events) {
		t.Fatalf("%d facts (%d distinct) for %d events", len(catalog.Facts()), len(facts), len(events))
	}
	for _, ev := range events {
		f, ok := facts[ev.EventType()]
		if !ok {
			t.Errorf("%s has no facts", ev.EventType())
			continue
		}
		if reflect.TypeOf(f.Event) != reflect.TypeOf(ev) {
			t.Errorf("%s: facts for %T, event is %T", ev.EventType(), f.Event, ev)
		}
		if f.OWASP == "" {
			t.Errorf("%s has no OWASP vocabulary name", ev.EventType())
		}
	}
}

func TestFactsReadTheEvents(t *testing.T) {
	facts := catalog.FactsByType()
	tests := []struct {
		name string
		f    func() (got, want any)
	}{
		{"person subject", func() (any, any) {
			return facts[person.TypeSignedUp].SubjectOf(person.SignedUp{PersonID: "P1"}), "P1"
		}},
		{"member subject and group", func() (any, any) {
			e := group.MemberAdded{GroupID: "G1", PersonID: "P2"}
			f := facts[group.TypeMemberAdded]
			return []string{f.SubjectOf(e), f.GroupOf(e)}, []string{"P2", "G1"}
		}},
		{"organization event has no subject", func() (any, any) {
			return facts[group.TypeCreated].SubjectOf(group.Created{GroupID: "G1"}), ""
		}},
		{"failures", func() (any, any) {
			return []bool{facts[account.TypeSignInFailed].Failure, facts[account.TypeSignInSucceeded].Failure}, []bool{true, false}
		}},
		{"PII from the tags", func() (any, any) {
			pii := facts[person.TypeSignedUp].PII
			return slices.Contains(pii, "email") && slices.Contains(pii, "name") && !slices.Contains(pii, "personId"), true
		}},
		{"an event of another type has no subject", func() (any, any) {
			return facts[person.TypeSignedUp].SubjectOf(person.Banned{PersonID: "P1"}), ""
		}},
	}
	for _, tt := range tests {
		if got, want := tt.f(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, want)
		}
	}
}
