package ontologytest

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/authledger/authledger/ontology"
)

func testGroups(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	g := ontology.Group{ID: "g1", Kind: "organization", Name: "Acme", Slug: "acme", Data: json.RawMessage(`{"logo":"a.png"}`), CreatedAt: at(0), UpdatedAt: at(1)}
	write(t, s, func(tx ontology.Tx) error { return tx.PutGroup(ctx, g) })
	got, err := s.GetGroup(ctx, "g1")
	must(t, err)
	same(t, "GetGroup", got, g)

	g.Name, g.Slug, g.Data, g.UpdatedAt = "Acme Inc", "acme-inc", nil, at(2)
	write(t, s, func(tx ontology.Tx) error { return tx.PutGroup(ctx, g) })
	page, err := s.ListGroups(ctx, ontology.Query{})
	must(t, err)
	same(t, "ListGroups after overwrite", page.Items, []ontology.Group{g})

	write(t, s, func(tx ontology.Tx) error {
		return errors.Join(tx.DeleteGroup(ctx, "g1"), tx.DeleteGroup(ctx, "missing"))
	})
	_, err = s.GetGroup(ctx, "g1")
	mustNotFound(t, "GetGroup after delete", err)
}

func testPeople(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	p := ontology.Person{ID: "p1", Name: "Ada", Email: "ada@example.com", EmailVerified: true, Image: "https://x/a.png",
		Role: "admin", Status: "active", TwoFactorEnabled: true, Fields: json.RawMessage(`{"locale":"en"}`), CreatedAt: at(0), UpdatedAt: at(1)}
	write(t, s, func(tx ontology.Tx) error {
		must(t, tx.PutPerson(ctx, p))
		got, err := tx.GetPerson(ctx, "p1")
		same(t, "tx.GetPerson", got, p)
		return err
	})
	got, err := s.GetPerson(ctx, "p1")
	must(t, err)
	same(t, "GetPerson", got, p)

	last := at(2)
	p.Email, p.EmailVerified, p.TwoFactorEnabled, p.Fields, p.Image, p.LastSignInAt = "ada@new.example", false, false, nil, "", &last
	write(t, s, func(tx ontology.Tx) error { return tx.PutPerson(ctx, p) })
	page, err := s.ListPeople(ctx, ontology.Query{})
	must(t, err)
	same(t, "ListPeople after overwrite", page.Items, []ontology.Person{p})

	write(t, s, func(tx ontology.Tx) error {
		return errors.Join(tx.DeletePerson(ctx, "p1"), tx.DeletePerson(ctx, "missing"))
	})
	_, err = s.GetPerson(ctx, "p1")
	mustNotFound(t, "GetPerson after delete", err)
}

func testThings(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	exp := at(3600)
	th := ontology.Thing{ID: "t1", Kind: "session", OwnerID: "p1", Status: "active", Data: json.RawMessage(`{"ua":"x"}`),
		CreatedAt: at(0), UpdatedAt: at(0), ExpiresAt: &exp}
	write(t, s, func(tx ontology.Tx) error { return tx.PutThing(ctx, th) })
	got, err := s.GetThing(ctx, "t1")
	must(t, err)
	same(t, "GetThing", got, th)

	th.Status, th.ExpiresAt, th.UpdatedAt = "revoked", nil, at(5)
	write(t, s, func(tx ontology.Tx) error {
		must(t, tx.PutThing(ctx, th))
		got, err := tx.GetThing(ctx, "t1")
		same(t, "tx.GetThing after overwrite", got, th)
		return err
	})
	page, err := s.ListThings(ctx, ontology.Query{})
	must(t, err)
	same(t, "ListThings after overwrite", page.Items, []ontology.Thing{th})

	write(t, s, func(tx ontology.Tx) error { return tx.DeleteThing(ctx, "t1") })
	_, err = s.GetThing(ctx, "t1")
	mustNotFound(t, "GetThing after delete", err)
}

func testConnections(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	c := ontology.Connection{ID: "c1", FromKind: "person", FromID: "p1", Relation: "member_of", ToKind: "group", ToID: "g1",
		Role: "owner", Data: json.RawMessage(`{"team":"core"}`), CreatedAt: at(0), UpdatedAt: at(0)}
	write(t, s, func(tx ontology.Tx) error { return tx.PutConnection(ctx, c) })
	c.Role, c.Data, c.UpdatedAt = "member", nil, at(9)
	write(t, s, func(tx ontology.Tx) error {
		must(t, tx.PutConnection(ctx, c))
		got, err := tx.GetConnection(ctx, "c1")
		same(t, "tx.GetConnection", got, c)
		return err
	})
	page, err := s.ListConnections(ctx, ontology.Query{})
	must(t, err)
	same(t, "ListConnections", page.Items, []ontology.Connection{c})

	write(t, s, func(tx ontology.Tx) error {
		must(t, errors.Join(tx.DeleteConnection(ctx, "c1"), tx.DeleteConnection(ctx, "missing")))
		_, err := tx.GetConnection(ctx, "c1")
		mustNotFound(t, "tx.GetConnection after delete", err)
		return nil
	})
	page, err = s.ListConnections(ctx, ontology.Query{})
	must(t, err)
	same(t, "ListConnections after delete", page.Items, []ontology.Connection{})
}

func testEvents(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	e := ontology.Event{Position: "0.1", OccurredAt: at(0), Type: "person.signed_up", Stream: "person-p1", Actor: "p1",
		Subject: "p1", GroupID: "g1", Outcome: "success", RequestID: "req-1"}
	want := []ontology.Event{}
	write(t, s, func(tx ontology.Tx) error {
		for i, pos := range []string{"0.1", "0.2"} {
			e.Position = pos
			must(t, tx.AppendEvent(ctx, e))
			e.Seq = int64(i + 1)
			want = append(want, e)
			e.Seq = 0
		}
		return nil
	})
	write(t, s, func(tx ontology.Tx) error {
		e.Position, e.Seq, e.Outcome = "0.3", 10, "failure"
		must(t, tx.AppendEvent(ctx, e)) // explicit Seq is kept
		want = append(want, e)
		e.Position, e.Seq = "0.4", 0
		want = append(want, ontology.Event{Position: "0.4", Seq: 11, OccurredAt: e.OccurredAt, Type: e.Type, Stream: e.Stream,
			Actor: e.Actor, Subject: e.Subject, GroupID: e.GroupID, Outcome: e.Outcome, RequestID: e.RequestID})
		return tx.AppendEvent(ctx, e)
	})
	page, err := s.ListEvents(ctx, ontology.Query{})
	must(t, err)
	same(t, "ListEvents (seq 0 assigned max+1)", page.Items, want)
}

func testKnowledge(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	f := ontology.Fact{SubjectID: "p1", Key: "failed_sign_ins", Value: json.RawMessage(`1`), UpdatedAt: at(0)}
	write(t, s, func(tx ontology.Tx) error { return tx.PutFact(ctx, f) })
	f.Value, f.UpdatedAt = json.RawMessage(`{"count":2}`), at(1)
	write(t, s, func(tx ontology.Tx) error {
		must(t, tx.PutFact(ctx, f))
		got, err := tx.GetFact(ctx, "p1", "failed_sign_ins")
		same(t, "tx.GetFact", got, f)
		return err
	})
	page, err := s.ListKnowledge(ctx, ontology.Query{})
	must(t, err)
	same(t, "ListKnowledge after overwrite", page.Items, []ontology.Fact{f})

	write(t, s, func(tx ontology.Tx) error {
		return errors.Join(tx.DeleteFact(ctx, "p1", "failed_sign_ins"), tx.DeleteFact(ctx, "p1", "missing"))
	})
	write(t, s, func(tx ontology.Tx) error {
		_, err := tx.GetFact(ctx, "p1", "failed_sign_ins")
		mustNotFound(t, "GetFact after delete", err)
		return nil
	})
}

func testBadRows(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	tx, err := s.Begin(ctx)
	must(t, err)
	defer func() { must(t, tx.Rollback()) }()
	errs := map[string]error{
		"group without id":   tx.PutGroup(ctx, ontology.Group{}),
		"person bad json":    tx.PutPerson(ctx, ontology.Person{ID: "p", Fields: json.RawMessage(`{"a":`)}),
		"thing without id":   tx.PutThing(ctx, ontology.Thing{}),
		"connection bad":     tx.PutConnection(ctx, ontology.Connection{ID: "c", Data: json.RawMessage(`nope`)}),
		"event without type": tx.AppendEvent(ctx, ontology.Event{}),
		"fact without key":   tx.PutFact(ctx, ontology.Fact{SubjectID: "p"}),
	}
	for what, err := range errs {
		if !errors.Is(err, ontology.ErrBadRow) {
			t.Errorf("%s: err = %v, want ErrBadRow", what, err)
		}
	}
}

func testNotFound(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	_, err := s.GetPerson(ctx, "nobody")
	mustNotFound(t, "GetPerson", err)
	_, err = s.GetThing(ctx, "nothing")
	mustNotFound(t, "GetThing", err)
	_, err = s.GetGroup(ctx, "nogroup")
	mustNotFound(t, "GetGroup", err)
	write(t, s, func(tx ontology.Tx) error {
		_, err := tx.GetPerson(ctx, "nobody")
		mustNotFound(t, "tx.GetPerson", err)
		_, err = tx.GetThing(ctx, "nothing")
		mustNotFound(t, "tx.GetThing", err)
		_, err = tx.GetConnection(ctx, "none")
		mustNotFound(t, "tx.GetConnection", err)
		_, err = tx.GetFact(ctx, "s", "k")
		mustNotFound(t, "tx.GetFact", err)
		return nil
	})
}
