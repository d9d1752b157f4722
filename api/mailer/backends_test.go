package mailer_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/domain/tooltest"
	"github.com/authledger/authledger/eventstore"
	espg "github.com/authledger/authledger/eventstore/postgres"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
	"github.com/authledger/authledger/ontology"
	ontpg "github.com/authledger/authledger/ontology/postgres"
	ontsqlite "github.com/authledger/authledger/ontology/sqlite"
	"github.com/jackc/pgx/v5"
)

// backend opens an event store and a read store (for the checkpoint).
type backend struct {
	name string
	open func(t *testing.T) (eventstore.Store, ontology.Store)
}

// backends are SQLite always and PostgreSQL when AUTHLEDGER_TEST_POSTGRES
// is set (fresh schemas, dropped at the end); under CI=true an unset
// variable makes the PostgreSQL case fail.
func backends() []backend {
	out := []backend{{"sqlite", func(t *testing.T) (eventstore.Store, ontology.Store) {
		ctx, dir := context.Background(), t.TempDir()
		es, err := essqlite.Open(ctx, filepath.Join(dir, "events.db"), essqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		read, err := ontsqlite.Open(ctx, filepath.Join(dir, "ontology.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = read.Close() })
		return es, read
	}}}
	url := os.Getenv(tooltest.PostgresEnv)
	if url == "" {
		if !tooltest.CI() {
			return out
		}
		// Under CI the PostgreSQL case must run: it fails, naming the variable.
		return append(out, backend{"postgres", func(t *testing.T) (eventstore.Store, ontology.Store) {
			tooltest.PostgresURL(t)
			return nil, nil
		}})
	}
	return append(out, backend{"postgres", func(t *testing.T) (eventstore.Store, ontology.Store) {
		ctx := context.Background()
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		suffix := hex.EncodeToString(b)
		es, err := espg.Open(ctx, url, espg.Options{Schema: "mailer_es_" + suffix})
		if err != nil {
			t.Fatal(err)
		}
		read, err := ontpg.Open(ctx, url, ontpg.Options{Schema: "mailer_read_" + suffix})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_ = read.Drop(ctx)
			_ = read.Close()
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				t.Errorf("drop schema: %v", err)
				return
			}
			defer conn.Close(ctx)
			if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS mailer_es_"+suffix+" CASCADE"); err != nil {
				t.Errorf("drop schema: %v", err)
			}
		})
		return es, read
	}})
}
