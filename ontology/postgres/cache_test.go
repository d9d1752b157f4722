package postgres

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
)

// TestStageCacheReads: a staging's reads see exactly its committed writes
// and the current transaction's own, whether the stage cache or the
// database answers: a rolled-back write is not seen, a deletion is, and an
// erasure (DeleteSubject, which deletes by owner and endpoints, not by the
// keys the cache knows) removes the rows it deletes from reads too.
func TestStageCacheReads(t *testing.T) {
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	ann := ontology.Person{ID: "ann", Name: "Ann", Email: "ann@example.com", Role: "user", Status: "active", CreatedAt: at, UpdatedAt: at}
	renamed := ann
	renamed.Name = "Ann B."
	sess := ontology.Thing{ID: "s1", Kind: "session", OwnerID: "ann", Status: "active", CreatedAt: at, UpdatedAt: at}
	edge := ontology.Connection{ID: "c1", FromKind: "person", FromID: "ann", Relation: "owns", ToKind: "session", ToID: "s1",
		CreatedAt: at, UpdatedAt: at}
	fact := ontology.Fact{SubjectID: "ann", Key: "last_sign_in_at", Value: []byte(`"2025-01-02"`), UpdatedAt: at}
	seed := func(ctx context.Context, tx ontology.Tx) error {
		return errors.Join(tx.PutPerson(ctx, ann), tx.PutThing(ctx, sess), tx.PutConnection(ctx, edge), tx.PutFact(ctx, fact))
	}
	tests := []struct {
		name      string
		change    func(context.Context, ontology.Tx) error
		commit    bool
		person    *ontology.Person // nil: not found
		erasedAll bool             // thing, connection and fact are gone too
	}{
		{"a committed write is read back", func(ctx context.Context, tx ontology.Tx) error { return tx.PutPerson(ctx, renamed) },
			true, &renamed, false},
		{"a rolled-back write is not", func(ctx context.Context, tx ontology.Tx) error { return tx.PutPerson(ctx, renamed) },
			false, &ann, false},
		{"a deletion is read back", func(ctx context.Context, tx ontology.Tx) error { return tx.DeletePerson(ctx, "ann") },
			true, nil, false},
		{"a rolled-back deletion is not", func(ctx context.Context, tx ontology.Tx) error { return tx.DeletePerson(ctx, "ann") },
			false, &ann, false},
		{"an erasure removes every row it deletes", func(ctx context.Context, tx ontology.Tx) error { return tx.DeleteSubject(ctx, "ann") },
			true, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			st, err := openTest(t).Stage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = st.Discard(context.WithoutCancel(ctx)) }()
			write(t, st, func(tx ontology.Tx) error { return seed(ctx, tx) })
			tx, err := st.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.change(ctx, tx); err != nil {
				t.Fatal(err)
			}
			end(t, tx, tt.commit)
			write(t, st, func(tx ontology.Tx) error {
				checkPerson(t, tx, tt.person)
				checkErased(t, tx, tt.erasedAll)
				return nil
			})
		})
	}
}

// checkPerson compares the person "ann" as tx reads it with want (nil:
// not found).
func checkPerson(t *testing.T, tx ontology.Tx, want *ontology.Person) {
	t.Helper()
	got, err := tx.GetPerson(t.Context(), "ann")
	switch {
	case want == nil && !errors.Is(err, ontology.ErrNotFound):
		t.Errorf("GetPerson = %+v, %v; want ErrNotFound", got, err)
	case want != nil && err != nil:
		t.Errorf("GetPerson: %v", err)
	case want != nil && (got.Name != want.Name || !got.CreatedAt.Equal(want.CreatedAt)):
		t.Errorf("GetPerson = %+v, want %+v", got, *want)
	}
}

// checkErased reports whether the rows "ann" owns are gone as wanted.
func checkErased(t *testing.T, tx ontology.Tx, erased bool) {
	t.Helper()
	ctx := t.Context()
	_, errThing := tx.GetThing(ctx, "s1")
	_, errConn := tx.GetConnection(ctx, "c1")
	_, errFact := tx.GetFact(ctx, "ann", "last_sign_in_at")
	for name, err := range map[string]error{"thing": errThing, "connection": errConn, "fact": errFact} {
		if gone := errors.Is(err, ontology.ErrNotFound); gone != erased || (!gone && err != nil) {
			t.Errorf("%s after the change: err = %v, want erased = %v", name, err, erased)
		}
	}
}

// TestGensBounded: the cache keeps two generations of rows per table, so
// the newest writes stay and the oldest go once it is full.
func TestGensBounded(t *testing.T) {
	var g gens[int, int]
	for i := range 2*cacheGeneration + 1 {
		g.set(i, cached[int]{row: i})
	}
	g.set(2*cacheGeneration, cached[int]{deleted: true}) // an overwrite stays in its generation
	tests := []struct {
		key     int
		present bool
		deleted bool
	}{
		{0, false, false},
		{cacheGeneration - 1, false, false},
		{cacheGeneration, true, false},
		{2*cacheGeneration - 1, true, false},
		{2 * cacheGeneration, true, true},
	}
	for _, tt := range tests {
		c, ok := g.get(tt.key)
		if ok != tt.present || c.deleted != tt.deleted || (ok && !c.deleted && c.row != tt.key) {
			t.Errorf("get(%d) = %+v, %v; want present %v, deleted %v", tt.key, c, ok, tt.present, tt.deleted)
		}
	}
	if n := len(g.young) + len(g.old); n > 2*cacheGeneration {
		t.Errorf("%d entries kept, want at most %d", n, 2*cacheGeneration)
	}
}

// TestStageCacheCheckpoints: a staging's checkpoint reads see its
// committed checkpoints and the transaction's own, never a rolled-back one.
func TestStageCacheCheckpoints(t *testing.T) {
	ctx := t.Context()
	st, err := openTest(t).Stage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = st.Discard(context.WithoutCancel(ctx)) }()
	steps := []struct {
		set    string
		commit bool
		want   string // read in the next transaction
	}{
		{"1.1", true, "1.1"},
		{"2.2", false, "1.1"},
		{"3.3", true, "3.3"},
	}
	for _, s := range steps {
		tx, err := st.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.SetCheckpoint(ctx, "x.v1", s.set); err != nil {
			t.Fatal(err)
		}
		if got, err := tx.Checkpoint(ctx, "x.v1"); err != nil || got != s.set {
			t.Errorf("checkpoint in the transaction that set %s = %q, %v", s.set, got, err)
		}
		end(t, tx, s.commit)
		write(t, st, func(tx ontology.Tx) error {
			if got, err := tx.Checkpoint(ctx, "x.v1"); err != nil || got != s.want {
				t.Errorf("after setting %s (commit %v): checkpoint = %q, %v; want %s", s.set, s.commit, got, err, s.want)
			}
			return nil
		})
	}
}

// end commits tx, or rolls it back, failing the test on an error.
func end(t *testing.T, tx ontology.Tx, commit bool) {
	t.Helper()
	finish := tx.Rollback
	if commit {
		finish = tx.Commit
	}
	if err := finish(); err != nil {
		t.Fatal(err)
	}
}
