package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
)

// Bulk projection workload: 100,000 event rows and 20,000 people, written
// in transactions of benchBatch rows, as a projection rebuild does (the
// same workload as ontology/sqlite's benchmarks).
const (
	benchEvents = 100_000
	benchPeople = 20_000
	benchBatch  = 500
)

// benchID returns a 32-character id, scattered like random ids.
func benchID(prefix byte, n int) string {
	return fmt.Sprintf("%c%031x", prefix, uint64(n)*0x9E3779B97F4A7C15)
}

// benchRows returns the row writers of the workload, in order: five events,
// then one person, repeated.
func benchRows() []func(ctx context.Context, tx ontology.Tx) error {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	types := []string{"person.signed_in", "session.created", "person.sign_in_failed", "session.revoked", "person.signed_up"}
	fields := json.RawMessage(`{"locale":"en"}`)
	rows := make([]func(context.Context, ontology.Tx) error, 0, benchEvents+benchPeople)
	for i := range benchEvents {
		person := benchID('p', i/5)
		e := ontology.Event{Position: fmt.Sprintf("0.%d", i+1), OccurredAt: base.Add(time.Duration(i) * time.Millisecond),
			Type: types[i%len(types)], Stream: "person-" + person, Actor: person, Subject: person,
			Outcome: "success", RequestID: benchID('r', i)}
		rows = append(rows, func(ctx context.Context, tx ontology.Tx) error { return tx.AppendEvent(ctx, e) })
		if i%5 == 4 {
			p := ontology.Person{ID: person, Name: "Person", Email: person + "@example.com", Role: "user",
				Status: "active", Fields: fields, CreatedAt: e.OccurredAt, UpdatedAt: e.OccurredAt}
			rows = append(rows, func(ctx context.Context, tx ontology.Tx) error { return tx.PutPerson(ctx, p) })
		}
	}
	return rows
}

// load writes rows in transactions of batch rows with a checkpoint each.
func load(b *testing.B, begin func(context.Context) (ontology.Tx, error), rows []func(context.Context, ontology.Tx) error, batch int) {
	ctx := b.Context()
	for start := 0; start < len(rows); start += batch {
		tx, err := begin(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for _, write := range rows[start:min(start+batch, len(rows))] {
			if err := write(ctx, tx); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.SetCheckpoint(ctx, "bench.v1", fmt.Sprint(start)); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBulkLive writes the workload into the live tables, maintaining
// every index row by row (catch-up of a running projection).
func BenchmarkBulkLive(b *testing.B) {
	rows := benchRows()
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		s := openTest(b)
		b.StartTimer()
		start := time.Now()
		load(b, s.Begin, rows, benchBatch)
		elapsed += time.Since(start)
	}
	report(b, len(rows), elapsed)
}

// BenchmarkBulkRebuild writes the workload through Stage and Promote
// (shadow schema, deferred indexes built at promote) in transactions of
// 5,000 rows, the projections runner's rebuild batch.
func BenchmarkBulkRebuild(b *testing.B) {
	rows := benchRows()
	var elapsed, promote time.Duration
	for b.Loop() {
		b.StopTimer()
		s := openTest(b)
		b.StartTimer()
		start := time.Now()
		st, err := s.Stage(b.Context())
		if err != nil {
			b.Fatal(err)
		}
		load(b, st.Begin, rows, 10*benchBatch)
		loaded := time.Now()
		if err := st.Promote(b.Context()); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		promote += time.Since(loaded)
	}
	report(b, len(rows), elapsed)
	b.ReportMetric(promote.Seconds()/float64(b.N), "promote-s")
}

// report adds rows/s and events/s over the timed part of every iteration.
func report(b *testing.B, rows int, elapsed time.Duration) {
	n := float64(b.N)
	b.ReportMetric(n*float64(rows)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(n*benchEvents/elapsed.Seconds(), "events/s")
}
