package projections

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/tooltest"
	"github.com/authledger/authledger/eventstore/registry"

	"github.com/authledger/authledger/eventstore"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
	"github.com/authledger/authledger/ontology"
	ontpostgres "github.com/authledger/authledger/ontology/postgres"
	"github.com/google/go-cmp/cmp"
)

// postgresReadStores is the PostgreSQL ontology adapter on a fresh random
// schema per test (dropped when it ends) in the database of
// AUTHLEDGER_TEST_POSTGRES; empty when that is not set.
func postgresReadStores() []readStore {
	url := os.Getenv("AUTHLEDGER_TEST_POSTGRES")
	if url == "" {
		return nil
	}
	return []readStore{{name: "postgres", open: func(t testing.TB) ontology.Store {
		t.Helper()
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		s, err := ontpostgres.Open(context.Background(), url, ontpostgres.Options{Schema: "projections_test_" + hex.EncodeToString(b)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := s.Drop(context.Background()); err != nil {
				t.Errorf("drop test schema: %v", err)
			}
			_ = s.Close()
		})
		return s
	}}}
}

// requirePostgres returns the PostgreSQL read stores, or ends the test
// through missingTool when AUTHLEDGER_TEST_POSTGRES is not set.
func requirePostgres(t *testing.T) []readStore {
	t.Helper()
	stores := postgresReadStores()
	if len(stores) == 0 {
		tooltest.Missing(t, "PostgreSQL (AUTHLEDGER_TEST_POSTGRES)", "set it to a server URL, e.g. "+
			"postgres://postgres@127.0.0.1:5432/authledger_test?sslmode=disable; .ci/run sets it")
	}
	return stores
}

// TestGoldenPostgres is TestGolden on the PostgreSQL read store: every
// testdata stream replayed into it must give the golden rows.
func TestGoldenPostgres(t *testing.T) {
	stores := requirePostgres(t)
	files, err := filepath.Glob(filepath.Join("testdata", "*.events.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no event streams in testdata: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".events.json")
		for _, rs := range stores {
			t.Run(name+"/"+rs.name, func(t *testing.T) {
				st, codec := newLog(t)
				loadFiles(t, st, codec, name)
				got := replayFresh(t, rs, st, codec)
				for _, dim := range ontology.Dimensions() {
					path := filepath.Join("testdata", name+"."+string(dim)+".golden.json")
					if diff := cmp.Diff(got[dim], readGolden(t, path)); diff != "" {
						t.Errorf("%s (-got +want):\n%s", path, diff)
					}
				}
			})
		}
	}
}

// TestRebuildPostgres projects the logs live, then rebuilds (Stage, catch
// up, Promote) while the runner follows appends, and compares the rows
// with the golden files of the whole log.
func TestRebuildPostgres(t *testing.T) {
	for _, rs := range requirePostgres(t) {
		t.Run(rs.name, func(t *testing.T) {
			st, codec := newLog(t)
			loadFiles(t, st, codec, "lifecycle")
			read := rs.open(t)
			r := newRunner(t, st, codec, read, All(), Options{BatchSize: 3, RebuildBatchSize: 4})
			start(t, r)
			pending := loadStream(t, "testdata/security.events.json")
			err := r.Rebuild(context.Background(), func(done, total uint64) {
				if len(pending) > 0 { // the log grows during the rebuild
					appendStream(t, context.Background(), st, codec, pending[:1])
					pending = pending[1:]
				}
			})
			if err != nil {
				t.Fatalf("Rebuild = %v", err)
			}
			appendStream(t, context.Background(), st, codec, pending)
			head, err := st.Head(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if err := waitFor(r, head); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(dumpAll(t, context.Background(), read), replayFresh(t, readStores()[0], st, codec)); diff != "" {
				t.Errorf("rows after rebuild (-got +want, a fresh replay into memory):\n%s", diff)
			}
		})
	}
}

// BenchmarkRebuildPostgres is BenchmarkRebuild into the PostgreSQL read
// store: benchTotal events from a SQLite event store file, rebuilt blue/green
// into a fresh schema. Run it alone: AUTHLEDGER_TEST_POSTGRES=… go test
// -run XXX -bench RebuildPostgres -benchtime 1x ./projections
func BenchmarkRebuildPostgres(b *testing.B) {
	url := os.Getenv("AUTHLEDGER_TEST_POSTGRES")
	if url == "" {
		b.Skip("AUTHLEDGER_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	es, err := essqlite.Open(ctx, filepath.Join(b.TempDir(), "events.db"), essqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		b.Fatal(err)
	}
	defer es.Close()
	kek := eventstore.DeriveKEK([]byte("bench secret"))
	n := buildFixture(b, ctx, es, eventstore.NewCodec(registry.New(), eventstore.NewKeyring(es.Keys(), kek)))
	read := postgresReadStores()[0].open(b)
	var catchUp, promote time.Duration
	b.ResetTimer()
	for range b.N {
		codec := eventstore.NewCodec(registry.New(), eventstore.NewKeyring(es.Keys(), kek))
		r, err := NewRunner(es, codec, read, All(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		var applied time.Time
		if err := r.Rebuild(ctx, func(done, total uint64) {
			if done >= uint64(n) {
				applied = time.Now()
			}
		}); err != nil {
			b.Fatal(err)
		}
		catchUp += applied.Sub(start)
		promote += time.Since(applied)
	}
	b.StopTimer()
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(n)*float64(b.N)/catchUp.Seconds(), "catchup-events/s")
	b.ReportMetric(promote.Seconds()/float64(b.N), "promote-s")
}
