package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5"
)

func TestStageAfterCrashDropsLeftovers(t *testing.T) {
	schema := freshSchema(t)
	s := openSchema(t, schema)
	st, err := s.Stage(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	write(t, st, func(tx ontology.Tx) error { return tx.PutPerson(t.Context(), ontology.Person{ID: "left"}) })
	if err := s.Close(); err != nil { // the process dies mid-rebuild
		t.Fatal(err)
	}
	s = openSchema(t, schema)
	st, err = s.Stage(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	write(t, st, func(tx ontology.Tx) error {
		if _, err := tx.GetPerson(t.Context(), "left"); !errors.Is(err, ontology.ErrNotFound) {
			t.Errorf("leftover staged row: err = %v, want ErrNotFound", err)
		}
		return nil
	})
	if err := st.Discard(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// TestStageOnAnotherNodeSupersedes: a Stage from another process makes the
// first staging stale.
func TestStageOnAnotherNodeSupersedes(t *testing.T) {
	schema := freshSchema(t)
	a, b := openSchema(t, schema), openSchema(t, schema)
	first, err := a.Stage(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	second, err := b.Stage(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Begin(t.Context()); !errors.Is(err, ErrStagingDone) {
		t.Errorf("Begin on a superseded staging = %v, want ErrStagingDone", err)
	}
	if _, err := first.Checkpoint(t.Context(), "x.v1"); !errors.Is(err, ErrStagingDone) {
		t.Errorf("Checkpoint on a superseded staging = %v, want ErrStagingDone", err)
	}
	if err := first.Promote(t.Context()); !errors.Is(err, ErrStagingDone) {
		t.Errorf("Promote of a superseded staging = %v, want ErrStagingDone", err)
	}
	write(t, second, func(tx ontology.Tx) error { return tx.PutGroup(t.Context(), ontology.Group{ID: "g"}) })
	if err := second.Promote(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := a.GetGroup(t.Context(), "g"); err != nil {
		t.Errorf("the other node's reads after promote: %v", err)
	}
}

// catalog describes a schema as analysts and the planner see it: index
// definitions, table and column comments, and privileges of a role.
func catalog(t *testing.T, s *Store, role string) []string {
	t.Helper()
	rows, err := s.pool.Query(t.Context(), `
SELECT 'index ' || indexname || ': ' || replace(indexdef, $1 || '.', '') FROM pg_indexes WHERE schemaname = $1
UNION ALL
SELECT 'comment ' || c.relname || '.' || coalesce(a.attname, '') || ': ' || d.description
  FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
  JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
 WHERE n.nspname = $1
UNION ALL
SELECT 'schema: ' || coalesce(obj_description(to_regnamespace($1)::oid, 'pg_namespace'), '') || ' usage ' || has_schema_privilege($2, $1, 'USAGE')
UNION ALL
SELECT 'select ' || c.relname || ' ' || has_table_privilege($2, c.oid, 'SELECT')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'
ORDER BY 1`, s.schema, role)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPromoteKeepsIndexesCommentsAndGrants: after promotes, the live
// schema has the same indexes and comments as a migrated one, and a
// read-only role granted on the old tables can still read the new ones.
func TestPromoteKeepsIndexesCommentsAndGrants(t *testing.T) {
	s := openTest(t)
	ctx := t.Context()
	role := "analyst_" + s.schema
	grants := []string{
		"CREATE ROLE " + role + " NOLOGIN",
		"GRANT USAGE ON SCHEMA " + pgx.Identifier{s.schema}.Sanitize() + " TO " + role,
		"GRANT SELECT ON ALL TABLES IN SCHEMA " + pgx.Identifier{s.schema}.Sanitize() + " TO " + role,
	}
	for _, q := range grants {
		if _, err := s.pool.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		_ = s.Drop(context.Background())
		if _, err := s.pool.Exec(context.Background(), "DROP ROLE "+role); err != nil {
			t.Errorf("drop role: %v", err)
		}
	})
	before := catalog(t, s, role)
	if n := len(before); n < 100 || !slices.Contains(before, "select people true") {
		t.Fatalf("catalog of a fresh schema: %d entries %q", n, before)
	}
	for round := range 2 {
		st, err := s.Stage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Promote(ctx); err != nil {
			t.Fatal(err)
		}
		if after := catalog(t, s, role); !slices.Equal(after, before) {
			t.Errorf("round %d: catalog after promote differs:\n got %q\nwant %q", round, after, before)
		}
	}
}

// TestReadersSeeOneGeneration reads while a rebuild is promoted: every page
// holds rows of the old generation or of the new one, never both, and no
// read fails.
func TestReadersSeeOneGeneration(t *testing.T) {
	s := openTest(t)
	ctx := t.Context()
	putPeople := func(b beginner, prefix string) {
		write(t, b, func(tx ontology.Tx) error {
			for i := range 200 {
				if err := tx.PutPerson(ctx, ontology.Person{ID: fmt.Sprintf("%s%03d", prefix, i)}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	putPeople(s, "old")
	st, err := s.Stage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	putPeople(st, "new")

	var wg, started sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 3)
	for range 3 {
		started.Add(1)
		wg.Go(func() {
			for reads := 0; ; reads++ {
				if reads == 1 {
					started.Done()
				}
				select {
				case <-stop:
					return
				default:
				}
				page, err := s.ListPeople(ctx, ontology.Query{Limit: 1000})
				if n := len(page.Items); err == nil && (n != 200 || page.Items[0].ID[:3] != page.Items[n-1].ID[:3]) {
					err = fmt.Errorf("page of %d rows", n)
				}
				if err != nil {
					errs <- err
					if reads == 0 {
						started.Done()
					}
					return
				}
			}
		})
	}
	started.Wait() // every reader is looping
	if err := st.Promote(ctx); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if _, err := s.GetPerson(ctx, "new000"); err != nil {
		t.Errorf("after promote: %v", err)
	}
}

func TestDrop(t *testing.T) {
	s := openTest(t)
	if _, err := s.Stage(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := s.Drop(t.Context()); err != nil {
		t.Fatal(err)
	}
	var n int
	err := s.pool.QueryRow(t.Context(), "SELECT count(*) FROM pg_namespace WHERE nspname LIKE $1 || '%'", s.schema).Scan(&n)
	if err != nil || n != 0 {
		t.Errorf("%d schemas left after Drop (%v)", n, err)
	}
	if err := Migrate(t.Context(), s.pool, s.schema); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetPerson(t.Context(), "p"); !errors.Is(err, ontology.ErrNotFound) {
		t.Errorf("after Drop and Migrate: %v, want ErrNotFound", err)
	}
}
