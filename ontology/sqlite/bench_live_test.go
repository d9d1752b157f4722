package sqlite_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/ontology/sqlite"
)

// BenchmarkLiveSmallBatch measures one small live projection batch, as
// concurrent sign-ups make them: one transaction reading and setting six
// checkpoints, putting a person and appending three audit events. Per-batch
// costs (begin, statements, commit) weigh most here.
func BenchmarkLiveSmallBatch(b *testing.B) {
	s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "ontology.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rows := benchRows()
	ctx := b.Context()
	projectors := []string{"groups.v1", "people.v1", "things.v1", "connections.v1", "events.v1", "knowledge.v1"}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		tx, err := s.Begin(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range projectors {
			if _, err := tx.Checkpoint(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
		for range 4 { // three events and a person, in the workload's order
			if err := rows[i%len(rows)](ctx, tx); err != nil {
				b.Fatal(err)
			}
			i++
		}
		for _, p := range projectors {
			if err := tx.SetCheckpoint(ctx, p, fmt.Sprint(i)); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
