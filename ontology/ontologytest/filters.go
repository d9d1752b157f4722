package ontologytest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
)

// filterCase is one query over the fixture and the keys it must return.
type filterCase struct {
	dim   ontology.Dimension
	where map[string]string
	want  []string
}

// filterCases covers every field of ontology.Filters at least once
// (testFilters checks that), including prefix edge cases that a LIKE-based
// implementation would get wrong and time ranges given in a non-UTC offset.
var filterCases = []filterCase{
	{ontology.Groups, map[string]string{"id": "g2"}, []string{"g2"}},
	{ontology.Groups, map[string]string{"kind": "organization"}, []string{"g1", "g2"}},
	{ontology.Groups, map[string]string{"slug": "acme"}, []string{"g1"}},
	{ontology.People, map[string]string{"id": "p3"}, []string{"p3"}},
	{ontology.People, map[string]string{"email": "b@example.com"}, []string{"p2"}},
	{ontology.People, map[string]string{"role": "user"}, []string{"p1", "p3"}},
	{ontology.People, map[string]string{"status": "active", "role": "user"}, []string{"p1"}},
	{ontology.Things, map[string]string{"id": "t1"}, []string{"t1"}},
	{ontology.Things, map[string]string{"kind": "session"}, []string{"t1", "t3"}},
	{ontology.Things, map[string]string{"owner_id": "p1"}, []string{"t1", "t2"}},
	{ontology.Things, map[string]string{"status": "revoked"}, []string{"t2"}},
	{ontology.Connections, map[string]string{"from_id": "p1"}, []string{"c1", "c3"}},
	{ontology.Connections, map[string]string{"to_id": "g1"}, []string{"c1", "c2"}},
	{ontology.Connections, map[string]string{"relation": "has_account"}, []string{"c3"}},
	{ontology.Connections, map[string]string{"from_kind": "person", "to_kind": "group"}, []string{"c1", "c2"}},
	{ontology.Connections, map[string]string{"to_kind": "nothing"}, []string{}},
	{ontology.Events, map[string]string{"type": "person.signed_in"}, []string{"e2"}},
	{ontology.Events, map[string]string{"type_prefix": "person."}, []string{"e1", "e2"}},
	{ontology.Events, map[string]string{"type_prefix": "person"}, []string{"e1", "e2", "e5", "e6"}},
	{ontology.Events, map[string]string{"type_prefix": "person_"}, []string{"e6"}},
	{ontology.Events, map[string]string{"type_prefix": "%"}, []string{}},
	{ontology.Events, map[string]string{"type_prefix": ""}, []string{"e1", "e2", "e3", "e4", "e5", "e6"}},
	{ontology.Events, map[string]string{"actor": "p2"}, []string{"e3", "e4"}},
	{ontology.Events, map[string]string{"subject": "g1"}, []string{"e3"}},
	{ontology.Events, map[string]string{"group_id": "g1"}, []string{"e3"}},
	{ontology.Events, map[string]string{"outcome": "failure"}, []string{"e2"}},
	{ontology.Events, map[string]string{"stream": "person-p1"}, []string{"e1", "e2"}},
	{ontology.Events, map[string]string{"occurred_from": at(1).In(time.FixedZone("EST", -5*3600)).Format(time.RFC3339Nano)}, []string{"e2", "e3", "e4", "e5", "e6"}},
	{ontology.Events, map[string]string{"occurred_to": "2024-05-01T14:00:02.123456+02:00"}, []string{"e1", "e2"}},
	{ontology.Events, map[string]string{"occurred_from": "2024-05-01T12:00:01.123456Z", "occurred_to": "2024-05-01T12:00:03.123456Z"}, []string{"e2", "e3"}},
	// bounds finer than the rows' microseconds: e2 is just before the
	// start, e4 just before the end
	{ontology.Events, map[string]string{"occurred_from": "2024-05-01T12:00:01.123456001Z", "occurred_to": "2024-05-01T12:00:03.1234561Z"}, []string{"e3", "e4"}},
	{ontology.Knowledge, map[string]string{"subject_id": "p1"}, []string{"p1/failed_sign_ins", "p1/last_sign_in_at"}},
	{ontology.Knowledge, map[string]string{"key": "last_sign_in_at"}, []string{"p1/last_sign_in_at", "p2/last_sign_in_at"}},
}

// seedFixture writes the rows filterCases query.
func seedFixture(ctx context.Context, tx ontology.Tx) error {
	var errs []error
	add := func(err error) { errs = append(errs, err) }
	add(tx.PutGroup(ctx, ontology.Group{ID: "g1", Kind: "organization", Slug: "acme", CreatedAt: at(0)}))
	add(tx.PutGroup(ctx, ontology.Group{ID: "g3", Kind: "team", Slug: "acme-dev", CreatedAt: at(2)}))
	add(tx.PutGroup(ctx, ontology.Group{ID: "g2", Kind: "organization", Slug: "beta", CreatedAt: at(1)}))
	add(tx.PutPerson(ctx, ontology.Person{ID: "p1", Email: "a@example.com", Role: "user", Status: "active", CreatedAt: at(0)}))
	add(tx.PutPerson(ctx, ontology.Person{ID: "p2", Email: "b@example.com", Role: "admin", Status: "active", CreatedAt: at(0)}))
	add(tx.PutPerson(ctx, ontology.Person{ID: "p3", Email: "c@example.com", Role: "user", Status: "banned", CreatedAt: at(1)}))
	add(tx.PutThing(ctx, ontology.Thing{ID: "t3", Kind: "session", OwnerID: "p2", Status: "active", CreatedAt: at(2)}))
	add(tx.PutThing(ctx, ontology.Thing{ID: "t1", Kind: "session", OwnerID: "p1", Status: "active", CreatedAt: at(0)}))
	add(tx.PutThing(ctx, ontology.Thing{ID: "t2", Kind: "passkey", OwnerID: "p1", Status: "revoked", CreatedAt: at(1)}))
	add(tx.PutConnection(ctx, ontology.Connection{ID: "c1", FromKind: "person", FromID: "p1", Relation: "member_of", ToKind: "group", ToID: "g1", CreatedAt: at(0)}))
	add(tx.PutConnection(ctx, ontology.Connection{ID: "c2", FromKind: "person", FromID: "p2", Relation: "member_of", ToKind: "group", ToID: "g1", CreatedAt: at(1)}))
	add(tx.PutConnection(ctx, ontology.Connection{ID: "c3", FromKind: "person", FromID: "p1", Relation: "has_account", ToKind: "account", ToID: "a1", CreatedAt: at(2)}))
	events := []ontology.Event{
		{Position: "e1", OccurredAt: at(0), Type: "person.signed_up", Stream: "person-p1", Actor: "p1", Subject: "p1", Outcome: "success"},
		{Position: "e2", OccurredAt: at(1), Type: "person.signed_in", Stream: "person-p1", Actor: "p1", Subject: "p1", Outcome: "failure"},
		{Position: "e3", OccurredAt: at(2), Type: "group.created", Stream: "group-g1", Actor: "p2", Subject: "g1", GroupID: "g1", Outcome: "success"},
		{Position: "e4", OccurredAt: at(3), Type: "session.created", Stream: "session-s1", Actor: "p2", Subject: "p2", Outcome: "success"},
		{Position: "e5", OccurredAt: at(4), Type: "personal.note", Stream: "x-1", Outcome: "success"},
		{Position: "e6", OccurredAt: at(5), Type: "person_x.y", Stream: "x-2", Outcome: "success"},
	}
	for _, e := range events {
		add(tx.AppendEvent(ctx, e))
	}
	add(tx.PutFact(ctx, ontology.Fact{SubjectID: "p2", Key: "last_sign_in_at", Value: []byte(`"x"`)}))
	add(tx.PutFact(ctx, ontology.Fact{SubjectID: "p1", Key: "last_sign_in_at", Value: []byte(`"y"`)}))
	add(tx.PutFact(ctx, ontology.Fact{SubjectID: "p1", Key: "failed_sign_ins", Value: []byte(`0`)}))
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func testFilters(t *testing.T, s ontology.Store) {
	write(t, s, func(tx ontology.Tx) error { return seedFixture(t.Context(), tx) })
	covered := map[string]bool{}
	for _, c := range filterCases {
		var names []string
		for k, v := range c.where {
			covered[string(c.dim)+"."+k] = true
			names = append(names, k+"="+v)
		}
		slices.Sort(names)
		t.Run(string(c.dim)+"/"+strings.Join(names, ","), func(t *testing.T) {
			got, next, err := list(t.Context(), s, c.dim, ontology.Query{Where: c.where})
			if err != nil {
				t.Fatal(err)
			}
			equalKeys(t, "rows", got, c.want)
			if next != "" {
				t.Errorf("next = %q on the only page", next)
			}
		})
	}
	for dim, fields := range ontology.Filters {
		for _, f := range fields {
			if !covered[string(dim)+"."+f] {
				t.Errorf("suite has no case for filter %s.%s", dim, f)
			}
		}
	}
}
