package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
)

// planRows is how many rows seedPlanData writes per dimension: enough for
// the planner to prefer an index for a selective filter.
const planRows = 3000

// seedPlanData fills every dimension with planRows rows of varied values
// and refreshes the planner statistics.
func seedPlanData(t *testing.T, s *Store) {
	t.Helper()
	ctx := t.Context()
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range planRows {
		at := base.Add(time.Duration(i) * time.Minute)
		id, owner := fmt.Sprintf("id%05d", i), fmt.Sprintf("p%04d", i/3)
		err := tx.PutGroup(ctx, ontology.Group{ID: id, Kind: []string{"organization", "team"}[i%2], Slug: id, CreatedAt: at})
		if err == nil {
			err = tx.PutPerson(ctx, ontology.Person{ID: id, Email: id + "@example.com", Role: []string{"user", "admin"}[i%2],
				Status: []string{"active", "banned"}[i%2], CreatedAt: at})
		}
		if err == nil {
			err = tx.PutThing(ctx, ontology.Thing{ID: id, Kind: []string{"session", "passkey"}[i%2], OwnerID: owner,
				Status: []string{"active", "revoked"}[i%2], CreatedAt: at})
		}
		if err == nil {
			err = tx.PutConnection(ctx, ontology.Connection{ID: id, FromKind: "person", FromID: owner, Relation: []string{"member_of", "owns"}[i%2],
				ToKind: []string{"group", "session"}[i%2], ToID: fmt.Sprintf("g%03d", i%100), CreatedAt: at})
		}
		if err == nil {
			err = tx.AppendEvent(ctx, ontology.Event{Position: id, OccurredAt: at, Type: []string{"person.signed_in", "session.created"}[i%2],
				Stream: "person-" + owner, Actor: owner, Subject: owner, GroupID: fmt.Sprintf("g%03d", i%100),
				Outcome: []string{"success", "failure"}[i%2]})
		}
		if err == nil {
			err = tx.PutFact(ctx, ontology.Fact{SubjectID: owner, Key: fmt.Sprintf("k%d", i%3), Value: []byte(`1`), UpdatedAt: at})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, table := range tableNames {
		if _, err := s.pool.Exec(ctx, "ANALYZE "+quote(s.schema, table)); err != nil {
			t.Fatal(err)
		}
	}
}

// explain returns PostgreSQL's plan for the page query of q on dim.
func explain(t *testing.T, s *Store, dim ontology.Dimension, q ontology.Query) string {
	t.Helper()
	p, err := ontology.PlanQuery(dim, q)
	if err != nil {
		t.Fatal(err)
	}
	sp := map[ontology.Dimension]spec{ontology.Groups: groupsSpec, ontology.People: peopleSpec, ontology.Things: thingsSpec,
		ontology.Connections: connectionsSpec, ontology.Events: eventsSpec, ontology.Knowledge: knowledgeSpec}[dim]
	query, args, err := listSQL(s.schema, sp, p)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.pool.Query(context.Background(), "EXPLAIN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.TrimSpace(line))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "; ")
}

// filterValue is a selective value for a filter field of the plan data.
func filterValue(field string) string {
	switch field {
	case "occurred_from":
		return "2024-01-03T01:00:00Z" // the last few rows
	case "occurred_to":
		return "2024-01-01T00:05:00Z" // the first few rows
	case "type_prefix":
		return "session.x" // matches no row: selective
	}
	return "id00042"
}

// wantIndex names the index a filter must use.
func wantIndex(dim ontology.Dimension, field string) string {
	switch {
	case field == "id":
		return string(dim) + "_pkey"
	case field == "subject_id":
		return "knowledge_pkey"
	case field == "type_prefix":
		return "events_by_type"
	case field == "occurred_from", field == "occurred_to":
		return "events_by_occurred_at"
	}
	return string(dim) + "_by_" + field
}

// TestEveryFilterUsesAnIndex checks, on analyzed tables, that each filter of
// ontology.Filters, alone and after a cursor, is answered through its
// index rather than a scan of the table.
func TestEveryFilterUsesAnIndex(t *testing.T) {
	s := openTest(t)
	seedPlanData(t, s)
	cursors := map[ontology.Dimension]ontology.SortKey{
		ontology.Events: {Seq: 5}, ontology.Knowledge: {SubjectID: "p0001", Key: "k1"},
	}
	for dim, fields := range ontology.Filters {
		for _, f := range fields {
			after, ok := cursors[dim]
			if !ok {
				after = ontology.SortKey{CreatedAt: time.Date(2024, 1, 1, 0, 1, 0, 0, time.UTC), ID: "id00001"}
			}
			where := map[string]string{f: filterValue(f)}
			for _, q := range []ontology.Query{{Where: where}, {Where: where, Cursor: ontology.EncodeCursor(dim, after)}} {
				plan := explain(t, s, dim, q)
				if strings.Contains(plan, "Seq Scan") || !strings.Contains(plan, wantIndex(dim, f)) {
					t.Errorf("%s.%s (cursor %v): plan %q does not use %s", dim, f, q.Cursor != "", plan, wantIndex(dim, f))
				}
			}
		}
	}
}

// TestPagesNeedNoSort checks that unfiltered pages and equality filters
// read rows in index order instead of sorting them.
func TestPagesNeedNoSort(t *testing.T) {
	s := openTest(t)
	seedPlanData(t, s)
	for dim, fields := range ontology.Filters {
		queries := []ontology.Query{{}}
		for _, f := range fields {
			unique := f == "id" // one row at most: sorting it is free
			if !unique && !strings.HasSuffix(f, "_prefix") && !strings.HasSuffix(f, "_from") && !strings.HasSuffix(f, "_to") {
				queries = append(queries, ontology.Query{Where: map[string]string{f: filterValue(f)}})
			}
		}
		for _, q := range queries {
			if plan := explain(t, s, dim, q); strings.Contains(plan, "Sort") || strings.Contains(plan, "Seq Scan") {
				t.Errorf("%s %v: plan %q sorts or scans", dim, q.Where, plan)
			}
		}
	}
}
