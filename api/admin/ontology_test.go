package admin_test

import (
	"context"
	"errors"
	"testing"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// TestLists: a read given the position of a write sees it (the
// projections are waited for); filters are validated by the read store;
// an empty page has an empty, non-nil item list.
func TestLists(t *testing.T) {
	f := newFixture(t)
	f.signUp("alice@example.com", 1)
	ctx, after := context.Background(), f.Head(t)
	people, err := f.svc.ListPeople(ctx, admin.ListInput{After: after,
		Query: ontology.Query{Where: map[string]string{"email": "alice@example.com"}}})
	if err != nil || len(people.Items) != 1 || people.Items[0].Email != "alice@example.com" {
		t.Fatalf("people: %+v %v", people, err)
	}
	things, err := f.svc.ListThings(ctx, admin.ListInput{After: after, Query: ontology.Query{Where: map[string]string{"kind": "session"}}})
	if err != nil || len(things.Items) != 1 {
		t.Errorf("things: %+v %v", things, err)
	}
	groups, err := f.svc.ListGroups(ctx, admin.ListInput{After: after})
	if err != nil || groups.Items == nil || len(groups.Items) != 0 {
		t.Errorf("groups: %+v %v", groups, err)
	}
	for name, list := range map[string]func() error{
		"connections": func() error { _, err := f.svc.ListConnections(ctx, admin.ListInput{}); return err },
		"events":      func() error { _, err := f.svc.ListEvents(ctx, admin.ListInput{}); return err },
		"knowledge":   func() error { _, err := f.svc.ListKnowledge(ctx, admin.ListInput{}); return err },
	} {
		if err := list(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, err = f.svc.ListPeople(ctx, admin.ListInput{Query: ontology.Query{Where: map[string]string{"password": "x"}}})
	if !errors.Is(err, ontology.ErrBadQuery) {
		t.Errorf("unknown filter: %v", err)
	}
	_, err = f.svc.ListPeople(ctx, admin.ListInput{After: eventstore.Position{Lo: 1 << 40}})
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.CodeUnavailable {
		t.Errorf("a position the projections never reach: %v, want %s", err, domain.CodeUnavailable)
	}
}
