package ontologytest

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/authledger/authledger/ontology"
)

// checkpointer is what Store and Staging offer to read checkpoints.
type checkpointer interface {
	Checkpoint(ctx context.Context, projector string) (string, error)
}

// checkpoint fails unless the committed checkpoint of projector is want.
func checkpoint(t *testing.T, s checkpointer, projector, want string) {
	t.Helper()
	got, err := s.Checkpoint(t.Context(), projector)
	must(t, err)
	if got != want {
		t.Errorf("Checkpoint(%q) = %q, want %q", projector, got, want)
	}
}

func testTxIsolation(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	p := ontology.Person{ID: "p1", Email: "a@example.com", Status: "active", CreatedAt: at(0)}

	tx, err := s.Begin(ctx)
	must(t, err)
	must(t, tx.PutPerson(ctx, p))
	must(t, tx.SetCheckpoint(ctx, "people.v1", "0.5"))
	_, err = s.GetPerson(ctx, "p1")
	mustNotFound(t, "reader before commit", err)
	checkpoint(t, s, "people.v1", "")
	must(t, tx.Rollback())
	_, err = s.GetPerson(ctx, "p1")
	mustNotFound(t, "reader after rollback", err)
	checkpoint(t, s, "people.v1", "")

	tx, err = s.Begin(ctx)
	must(t, err)
	must(t, tx.PutPerson(ctx, p))
	must(t, tx.AppendEvent(ctx, ontology.Event{Position: "0.6", Type: "person.signed_up", Outcome: "success"}))
	must(t, tx.SetCheckpoint(ctx, "people.v1", "0.6"))
	page, err := s.ListEvents(ctx, ontology.Query{})
	must(t, err)
	if len(page.Items) != 0 {
		t.Errorf("reader sees %d uncommitted events", len(page.Items))
	}
	must(t, tx.Commit())
	got, err := s.GetPerson(ctx, "p1")
	must(t, err)
	same(t, "reader after commit", got, p)
	checkpoint(t, s, "people.v1", "0.6")
	page, err = s.ListEvents(ctx, ontology.Query{})
	must(t, err)
	if len(page.Items) != 1 {
		t.Errorf("reader sees %d events after commit, want 1", len(page.Items))
	}
}

func testTxOwnWrites(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	write(t, s, func(tx ontology.Tx) error {
		must(t, tx.PutPerson(ctx, ontology.Person{ID: "p1", CreatedAt: at(0)}))
		return tx.PutThing(ctx, ontology.Thing{ID: "t1", OwnerID: "p1", CreatedAt: at(0)})
	})
	tx, err := s.Begin(ctx)
	must(t, err)
	defer func() { must(t, tx.Rollback()) }()
	must(t, tx.DeletePerson(ctx, "p1"))
	_, err = tx.GetPerson(ctx, "p1")
	mustNotFound(t, "tx.GetPerson after its delete", err)
	if _, err := s.GetPerson(ctx, "p1"); err != nil {
		t.Errorf("reader lost a row deleted by an open tx: %v", err)
	}
	must(t, tx.PutPerson(ctx, ontology.Person{ID: "p1", Name: "again", CreatedAt: at(0)}))
	got, err := tx.GetPerson(ctx, "p1")
	must(t, err)
	if got.Name != "again" {
		t.Errorf("tx.GetPerson name = %q, want the tx's own write", got.Name)
	}
	must(t, tx.DeleteSubject(ctx, "p1"))
	_, err = tx.GetThing(ctx, "t1")
	mustNotFound(t, "tx.GetThing after DeleteSubject", err)
	must(t, tx.SetCheckpoint(ctx, "x.v1", "1.2"))
	cp, err := tx.Checkpoint(ctx, "x.v1")
	must(t, err)
	if cp != "1.2" {
		t.Errorf("tx.Checkpoint = %q, want its own 1.2", cp)
	}
}

func testCheckpoints(t *testing.T, s ontology.Store) {
	checkpoint(t, s, "people.v1", "")
	write(t, s, func(tx ontology.Tx) error {
		must(t, tx.SetCheckpoint(t.Context(), "people.v1", "0.10"))
		return tx.SetCheckpoint(t.Context(), "events.v1", "0.3")
	})
	write(t, s, func(tx ontology.Tx) error {
		cp, err := tx.Checkpoint(t.Context(), "people.v1")
		if cp != "0.10" {
			t.Errorf("tx.Checkpoint = %q, want 0.10", cp)
		}
		must(t, err)
		return tx.SetCheckpoint(t.Context(), "people.v1", "0.11")
	})
	checkpoint(t, s, "people.v1", "0.11")
	checkpoint(t, s, "events.v1", "0.3")
	checkpoint(t, s, "unknown.v1", "")
	testCheckpointsReader(t, s)
	testCheckpointNames(t, s)
}

// testCheckpointsReader: a transaction that reads several checkpoints at
// once (ontology.CheckpointsReader) answers what Checkpoint would, one by
// one: committed positions, its own writes, nothing for unknown names.
// Adapters without it are read one checkpoint at a time by the runner.
func testCheckpointsReader(t *testing.T, s ontology.Store) {
	reads := false
	write(t, s, func(tx ontology.Tx) error {
		cr, ok := tx.(ontology.CheckpointsReader)
		if reads = ok; !ok {
			return nil
		}
		names := []string{"people.v1", "events.v1", "unknown.v1"}
		got, err := cr.Checkpoints(t.Context(), names)
		must(t, err)
		if want := map[string]string{"people.v1": "0.11", "events.v1": "0.3"}; !maps.Equal(got, want) {
			t.Errorf("Checkpoints(%q) = %v, want %v", names, got, want)
		}
		must(t, tx.SetCheckpoint(t.Context(), "events.v1", "0.4"))
		got, err = cr.Checkpoints(t.Context(), names)
		must(t, err)
		if want := map[string]string{"people.v1": "0.11", "events.v1": "0.4"}; !maps.Equal(got, want) {
			t.Errorf("Checkpoints after SetCheckpoint = %v, want %v", got, want)
		}
		if got, err := cr.Checkpoints(t.Context(), nil); err != nil || len(got) != 0 {
			t.Errorf("Checkpoints(nil) = %v, %v; want none", got, err)
		}
		return nil
	})
	if reads {
		checkpoint(t, s, "events.v1", "0.4") // committed with the transaction
	}
}

// testCheckpointNames: listing by prefix finds exactly the committed names
// that start with it, in byte order, whatever the database's collation.
func testCheckpointNames(t *testing.T, s ontology.Store) {
	names := []string{"webhook.B", "webhook.a", "webhook.a.state", "webhook_x", "webhooks", "webhook.", "web", "wébhook.a", "webhook.\xc3\xa9"}
	write(t, s, func(tx ontology.Tx) error {
		for _, n := range names {
			must(t, tx.SetCheckpoint(t.Context(), n, "0.1"))
		}
		return nil
	})
	uncommitted, err := s.Begin(t.Context())
	must(t, err)
	must(t, uncommitted.SetCheckpoint(t.Context(), "webhook.pending", "0.1"))
	defer func() { _ = uncommitted.Rollback() }()
	for _, c := range []struct {
		prefix string
		want   []string
	}{
		{"webhook.", []string{"webhook.", "webhook.B", "webhook.a", "webhook.a.state", "webhook.\xc3\xa9"}},
		{"webhook.a", []string{"webhook.a", "webhook.a.state"}},
		{"webhook", []string{"webhook.", "webhook.B", "webhook.a", "webhook.a.state", "webhook.\xc3\xa9", "webhook_x", "webhooks"}},
		{"nothing.", nil},
		{"\xff", nil},
	} {
		got, err := s.CheckpointNames(t.Context(), c.prefix)
		if err != nil || strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("CheckpointNames(%q) = %q, %v; want %q", c.prefix, got, err, c.want)
		}
	}
}
