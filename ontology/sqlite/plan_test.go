package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
)

// specs maps each dimension to its table.
var specs = map[ontology.Dimension]spec{
	ontology.Groups: groupsSpec, ontology.People: peopleSpec, ontology.Things: thingsSpec,
	ontology.Connections: connectionsSpec, ontology.Events: eventsSpec, ontology.Knowledge: knowledgeSpec,
}

// openTest opens a store in t.TempDir().
func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "ontology.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// queryPlan returns SQLite's EXPLAIN QUERY PLAN details for a list query.
func queryPlan(t *testing.T, s *Store, dim ontology.Dimension, q ontology.Query) string {
	t.Helper()
	p, err := ontology.PlanQuery(dim, q)
	if err != nil {
		t.Fatal(err)
	}
	query, args, err := listSQL(specs[dim], p)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.r.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var details []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		details = append(details, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(details, "; ")
}

// TestEveryFilterUsesAnIndex checks that each filter of ontology.Filters,
// alone and with a cursor, is answered through an index rather than a scan
// of the table.
func TestEveryFilterUsesAnIndex(t *testing.T) {
	s := openTest(t)
	values := map[string]string{"occurred_from": "2024-01-01T00:00:00Z", "occurred_to": "2024-01-02T00:00:00Z"}
	for dim, fields := range ontology.Filters {
		for _, f := range fields {
			v, ok := values[f]
			if !ok {
				v = "x"
			}
			cursor := ontology.EncodeCursor(dim, ontology.SortKey{CreatedAt: time.Now(), ID: "a", Seq: 5, SubjectID: "s", Key: "k"})
			for _, q := range []ontology.Query{{Where: map[string]string{f: v}}, {Where: map[string]string{f: v}, Cursor: cursor}} {
				plan := queryPlan(t, s, dim, q)
				if !strings.Contains(plan, "USING") {
					t.Errorf("%s.%s (cursor %v): plan %q uses no index", dim, f, q.Cursor != "", plan)
				}
			}
		}
	}
}

// TestSortNeedsNoTempBTree checks that unfiltered pages and equality
// filters read rows in index order instead of sorting them.
func TestSortNeedsNoTempBTree(t *testing.T) {
	s := openTest(t)
	for dim, fields := range ontology.Filters {
		queries := []ontology.Query{{}}
		for _, f := range fields {
			if !strings.HasSuffix(f, "_prefix") && !strings.HasSuffix(f, "_from") && !strings.HasSuffix(f, "_to") {
				queries = append(queries, ontology.Query{Where: map[string]string{f: "x"}})
			}
		}
		for _, q := range queries {
			if plan := queryPlan(t, s, dim, q); strings.Contains(plan, "TEMP B-TREE") {
				t.Errorf("%s %v: plan %q sorts", dim, q.Where, plan)
			}
		}
	}
}

// schemaSQL returns the definitions of the store's indexes, by name.
func schemaSQL(t *testing.T, s *Store) map[string]string {
	t.Helper()
	rows, err := s.r.QueryContext(t.Context(), "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			t.Fatal(err)
		}
		out[name] = sql
	}
	return out
}

func TestPromoteKeepsIndexesAndColumns(t *testing.T) {
	s := openTest(t)
	before := schemaSQL(t, s)
	if len(before) < 25 {
		t.Fatalf("only %d indexes in the fresh schema", len(before))
	}
	for round := range 2 {
		st, err := s.Stage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Promote(t.Context()); err != nil {
			t.Fatal(err)
		}
		after := schemaSQL(t, s)
		if len(after) != len(before) {
			t.Errorf("round %d: %d indexes after promote, want %d: %v", round, len(after), len(before), after)
		}
		for name, sql := range before {
			if after[name] != sql {
				t.Errorf("round %d: index %s = %q, want %q", round, name, after[name], sql)
			}
		}
	}
	var cols string
	err := s.r.QueryRowContext(t.Context(), "SELECT group_concat(name, ',') FROM pragma_table_info('people')").Scan(&cols)
	if err != nil || cols != strings.Join(peopleSpec.cols, ",") {
		t.Errorf("people columns after promote = %q (%v), want %q", cols, err, strings.Join(peopleSpec.cols, ","))
	}
}

func TestShadowDDL(t *testing.T) {
	tests := []struct {
		ddl     string
		want    string
		wantErr bool
	}{
		{"CREATE TABLE people (id TEXT)", "CREATE TABLE people__next (id TEXT)", false},
		{`CREATE TABLE "people"(id TEXT)`, "CREATE TABLE people__next(id TEXT)", false},
		{"CREATE TABLE `people`\n(id TEXT)", "CREATE TABLE people__next\n(id TEXT)", false},
		{"CREATE TABLE peoplex (id TEXT)", "", true},
		{"CREATE VIEW people AS SELECT 1", "", true},
	}
	for _, tt := range tests {
		got, err := shadowDDL("people", tt.ddl)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("shadowDDL(%q) = %q, %v; want %q, error %v", tt.ddl, got, err, tt.want, tt.wantErr)
		}
	}
}

// tempStore reads the writer connection's temp_store (1 FILE, 2 MEMORY).
func tempStore(t *testing.T, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) int {
	t.Helper()
	var v int
	if err := q.QueryRowContext(t.Context(), "PRAGMA temp_store").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestInWriterTempFiles(t *testing.T) {
	failure := errors.New("the work failed")
	tests := []struct {
		name    string
		fail    bool
		wantErr error
		kept    int // rows of the table the work wrote to, after it
	}{
		{"commits", false, nil, 1},
		{"rolls back", true, failure, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			if _, err := s.w.ExecContext(t.Context(), "CREATE TABLE scratch (v INTEGER)"); err != nil {
				t.Fatal(err)
			}
			if got := tempStore(t, s.w); got != 2 {
				t.Fatalf("writer temp_store before = %d, want 2 (MEMORY)", got)
			}
			during := 0
			err := s.inWriterTempFiles(t.Context(), func(x *sql.Tx) error {
				during = tempStore(t, x)
				if _, err := x.ExecContext(t.Context(), "INSERT INTO scratch VALUES (1)"); err != nil {
					return err
				}
				if tc.fail {
					return failure
				}
				return nil
			})
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Fatalf("inWriterTempFiles = %v, want %v", err, tc.wantErr)
			}
			if during != 1 {
				t.Errorf("temp_store inside the transaction = %d, want 1 (FILE)", during)
			}
			if got := tempStore(t, s.w); got != 2 {
				t.Errorf("writer temp_store after = %d, want 2 (MEMORY) again", got)
			}
			var n int
			if err := s.w.QueryRowContext(t.Context(), "SELECT count(*) FROM scratch").Scan(&n); err != nil || n != tc.kept {
				t.Errorf("rows kept = %d (%v), want %d", n, err, tc.kept)
			}
		})
	}
}

func TestPromoteRestoresTempStore(t *testing.T) {
	s := openTest(t)
	stale, err := s.Stage(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stage(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := stale.Promote(t.Context()); !errors.Is(err, ErrStagingDone) {
		t.Fatalf("stale Promote = %v, want ErrStagingDone", err)
	}
	if got := tempStore(t, s.w); got != 2 {
		t.Errorf("writer temp_store after a refused promote = %d, want 2", got)
	}
	if err := st.Promote(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := tempStore(t, s.w); got != 2 {
		t.Errorf("writer temp_store after promote = %d, want 2", got)
	}
}
