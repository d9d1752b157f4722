package postgres

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestMigrationsAreNumbered(t *testing.T) {
	all, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 || all[0].version != 1 {
		t.Fatalf("migrations = %+v, want versions from 1", all)
	}
}

// TestConcurrentMigrate: nodes starting together on an empty database
// all succeed and apply each migration once.
func TestConcurrentMigrate(t *testing.T) {
	schema := freshSchema(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			s, err := Open(context.Background(), testURL(t), Options{Schema: schema, MaxConns: 2})
			if err == nil {
				err = s.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	s := openSchema(t, schema)
	var n int
	if err := s.pool.QueryRow(t.Context(), "SELECT count(*) FROM "+quote(schema, "schema_migrations")).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if all, _ := migrations(); n != len(all) {
		t.Errorf("schema_migrations has %d rows, want %d", n, len(all))
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	schema := freshSchema(t)
	s := openSchema(t, schema)
	_, err := s.pool.Exec(t.Context(), "INSERT INTO "+quote(schema, "schema_migrations")+" (version, name) VALUES (999, 'future')")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(t.Context(), testURL(t), Options{Schema: schema})
	if err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("Open of a newer schema: err = %v, want a refusal", err)
	}
	if s2, err := Open(t.Context(), testURL(t), Options{Schema: schema, SkipMigrate: true}); err != nil {
		t.Errorf("Open with SkipMigrate: %v", err)
	} else {
		_ = s2.Close()
	}
}

func TestSkipMigrateLeavesTheDatabaseAlone(t *testing.T) {
	schema := freshSchema(t)
	s, err := Open(t.Context(), testURL(t), Options{Schema: schema, SkipMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var exists bool
	if err := s.pool.QueryRow(t.Context(), "SELECT to_regnamespace($1) IS NOT NULL", schema).Scan(&exists); err != nil || exists {
		t.Errorf("schema exists = %v (%v) after Open with SkipMigrate", exists, err)
	}
	if err := Migrate(t.Context(), s.pool, schema); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Checkpoint(t.Context(), "people.v1"); err != nil {
		t.Errorf("Checkpoint after Migrate: %v", err)
	}
}

func TestOpenFailsOnUnreachableServer(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Open(ctx, "postgres://nobody@127.0.0.1:1/none?connect_timeout=1", Options{}); err == nil {
		t.Fatal("Open succeeded")
	}
	if _, err := Open(t.Context(), "::not a url::", Options{}); err == nil || errors.Is(err, ErrBadSchema) {
		t.Errorf("Open(bad url) = %v", err)
	}
}
