package ontologytest

import (
	"strconv"
	"testing"

	"github.com/authledger/authledger/ontology"
)

// allKeys lists every row of every dimension, keyed by dimension.
func allKeys(t *testing.T, r ontology.Reader) map[ontology.Dimension][]string {
	t.Helper()
	out := map[ontology.Dimension][]string{}
	for _, dim := range ontology.Dimensions() {
		out[dim] = listAll(t, r, dim, nil, 1000)
	}
	return out
}

// sameKeys compares two allKeys results.
func sameKeys(t *testing.T, what string, got, want map[ontology.Dimension][]string) {
	t.Helper()
	for _, dim := range ontology.Dimensions() {
		equalKeys(t, what+" "+string(dim), got[dim], want[dim])
	}
}

// genKeys is what allKeys returns after writeGeneration(from, to) alone; the
// numbers in one range must have the same count of digits.
func genKeys(from, to int) map[ontology.Dimension][]string {
	out := map[ontology.Dimension][]string{}
	for i := from; i < to; i++ {
		id := "r" + strconv.Itoa(i)
		for _, dim := range ontology.Dimensions() {
			key := id
			if dim == ontology.Knowledge {
				key = "s" + strconv.Itoa(i) + "/" + id
			}
			out[dim] = append(out[dim], key)
		}
	}
	return out
}

// writeGeneration writes rows numbered from..to-1 into every dimension.
func writeGeneration(t *testing.T, b beginner, from, to int, projector, pos string) {
	t.Helper()
	write(t, b, func(tx ontology.Tx) error {
		for _, dim := range ontology.Dimensions() {
			for i := from; i < to; i++ {
				if err := putRow(t.Context(), tx, dim, i, i); err != nil {
					return err
				}
			}
		}
		return tx.SetCheckpoint(t.Context(), projector, pos)
	})
}

func testStagePromote(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	writeGeneration(t, s, 0, 5, "old.v1", "0.5")

	st, err := s.Stage(ctx)
	must(t, err)
	checkpoint(t, st, "old.v1", "")
	writeGeneration(t, st, 100, 103, "new.v1", "0.9")
	write(t, st, func(tx ontology.Tx) error {
		if _, err := tx.GetPerson(ctx, "r0"); err == nil {
			t.Error("staging tx sees a live row")
		}
		_, err := tx.GetPerson(ctx, "r100")
		return err
	})
	checkpoint(t, st, "new.v1", "0.9")
	writeGeneration(t, s, 5, 6, "old.v1", "0.6") // live keeps serving during a rebuild
	sameKeys(t, "live before promote", allKeys(t, s), genKeys(0, 6))
	checkpoint(t, s, "new.v1", "")

	must(t, st.Promote(ctx))
	sameKeys(t, "after promote", allKeys(t, s), genKeys(100, 103))
	page, err := s.ListEvents(ctx, ontology.Query{Limit: 1})
	must(t, err)
	if len(page.Items) != 1 || page.Items[0].Seq != 1 {
		t.Errorf("first promoted event = %+v, want seq 1 (staging numbers from 1)", page.Items)
	}
	checkpoint(t, s, "new.v1", "0.9")
	checkpoint(t, s, "old.v1", "")
	if _, err := s.GetPerson(ctx, "r0"); err == nil {
		t.Error("old row r0 survived promote")
	}

	writeGeneration(t, s, 200, 201, "new.v1", "1.0") // live writes go to the promoted tables
	if _, err := s.GetPerson(ctx, "r200"); err != nil {
		t.Errorf("write after promote: %v", err)
	}
	checkpoint(t, s, "new.v1", "1.0")

	st2, err := s.Stage(ctx) // a second rebuild works after a promote
	must(t, err)
	writeGeneration(t, st2, 300, 301, "new.v2", "2.0")
	must(t, st2.Promote(ctx))
	if _, err := s.GetPerson(ctx, "r300"); err != nil {
		t.Errorf("second promote: %v", err)
	}
}

func testStageDiscard(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	writeGeneration(t, s, 0, 4, "live.v1", "0.4")
	before := genKeys(0, 4)
	sameKeys(t, "before stage", allKeys(t, s), before)

	st, err := s.Stage(ctx)
	must(t, err)
	writeGeneration(t, st, 50, 60, "live.v1", "9.9")
	must(t, st.Discard(ctx))
	sameKeys(t, "after discard", allKeys(t, s), before)
	checkpoint(t, s, "live.v1", "0.4")

	st, err = s.Stage(ctx) // staging again starts from empty shadow tables
	must(t, err)
	checkpoint(t, st, "live.v1", "")
	write(t, st, func(tx ontology.Tx) error {
		_, err := tx.GetPerson(ctx, "r50")
		mustNotFound(t, "discarded staged row", err)
		return nil
	})
	must(t, st.Discard(ctx))
	sameKeys(t, "after second discard", allKeys(t, s), before)
}

func testDeleteSubject(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	write(t, s, func(tx ontology.Tx) error {
		for _, id := range []string{"p1", "p2"} {
			other := map[string]string{"p1": "p2", "p2": "p1"}[id]
			must(t, tx.PutPerson(ctx, ontology.Person{ID: id, Email: id + "@example.com", CreatedAt: at(0)}))
			must(t, tx.PutThing(ctx, ontology.Thing{ID: "t-" + id, Kind: "session", OwnerID: id, CreatedAt: at(0)}))
			must(t, tx.PutConnection(ctx, ontology.Connection{ID: "from-" + id, FromKind: "person", FromID: id, Relation: "member_of", ToKind: "group", ToID: "g1", CreatedAt: at(0)}))
			must(t, tx.PutConnection(ctx, ontology.Connection{ID: "to-" + id, FromKind: "person", FromID: other + "-x", Relation: "invited", ToKind: "person", ToID: id, CreatedAt: at(0)}))
			must(t, tx.PutFact(ctx, ontology.Fact{SubjectID: id, Key: "last_sign_in_at", Value: []byte(`"t"`)}))
			must(t, tx.AppendEvent(ctx, ontology.Event{Position: "e-" + id, Type: "person.signed_up", Actor: id, Subject: id, Outcome: "success"}))
		}
		return nil
	})
	write(t, s, func(tx ontology.Tx) error {
		return tx.DeleteSubject(ctx, "p1")
	})
	_, err := s.GetPerson(ctx, "p1")
	mustNotFound(t, "erased person", err)
	_, err = s.GetThing(ctx, "t-p1")
	mustNotFound(t, "erased person's thing", err)
	want := map[ontology.Dimension][]string{
		ontology.Groups:      {},
		ontology.People:      {"p2"},
		ontology.Things:      {"t-p2"},
		ontology.Connections: {"from-p2", "to-p2"},
		ontology.Events:      {"e-p1", "e-p2"},
		ontology.Knowledge:   {"p2/last_sign_in_at"},
	}
	sameKeys(t, "after DeleteSubject(p1)", allKeys(t, s), want)
	write(t, s, func(tx ontology.Tx) error { return tx.DeleteSubject(ctx, "nobody") })
}

func testStagingLifecycle(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	writeGeneration(t, s, 0, 2, "live.v1", "0.2")
	first, err := s.Stage(ctx)
	must(t, err)
	writeGeneration(t, first, 10, 12, "live.v1", "1.0")
	second, err := s.Stage(ctx) // supersedes first
	must(t, err)
	if err := first.Promote(ctx); err == nil {
		t.Error("Promote of a superseded staging succeeded")
	}
	if _, err := first.Begin(ctx); err == nil {
		t.Error("Begin on a superseded staging succeeded")
	}
	must(t, first.Discard(ctx)) // a no-op: the shadow tables belong to second
	writeGeneration(t, second, 20, 22, "live.v1", "2.0")
	sameKeys(t, "live while staging", allKeys(t, s), genKeys(0, 2))
	must(t, second.Promote(ctx))
	sameKeys(t, "after promote", allKeys(t, s), genKeys(20, 22))
	if err := second.Promote(ctx); err == nil {
		t.Error("second Promote succeeded")
	}
	if _, err := second.Begin(ctx); err == nil {
		t.Error("Begin after Promote succeeded")
	}
	must(t, second.Discard(ctx)) // after Promote: a no-op, not a drop of the live tables
	sameKeys(t, "after discard of a promoted staging", allKeys(t, s), genKeys(20, 22))
	checkpoint(t, s, "live.v1", "2.0")
}
