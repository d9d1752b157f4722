package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	espg "github.com/authledger/authledger/eventstore/postgres"
	_ "modernc.org/sqlite" // registers driver "sqlite"
)

// storeLimitBatch is the rows per INSERT statement of the insert floor.
const storeLimitBatch = 100

// storeLimit measures, in the same run, what SQLite itself needs for the
// two halves of a rebuild: reading every column of every record of the
// log in order, and writing the rows the rebuild left in ontology.db (as
// many rows, of a session row's shape, by prepared multi-row INSERTs in
// one transaction, with the read store's pragmas). It returns the events
// per second a rebuild doing only that would reach, and the row count.
func storeLimit(ctx context.Context, fix storeFix, o Options) (float64, int, error) {
	scan, err := storeScan(ctx, filepath.Join(fix.dir, "events.db"))
	if err != nil {
		return 0, 0, err
	}
	rows, err := storeCountRows(ctx, filepath.Join(fix.dir, "ontology.db"))
	if err != nil {
		return 0, 0, err
	}
	insert, err := storeInsert(ctx, o, rows)
	if err != nil {
		return 0, 0, err
	}
	return float64(fix.events) / (scan + insert).Seconds(), rows, nil
}

// storeScan reads the whole log file and returns how long it took.
func storeScan(ctx context.Context, path string) (time.Duration, error) {
	db, err := sql.Open("sqlite", path+"?_pragma=query_only(1)&_pragma=cache_size(-16384)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	settle()
	start := time.Now()
	rs, err := db.QueryContext(ctx, `SELECT pos, id, stream, version, type, schema, data, meta, key_ref, occurred_at, recorded_at FROM events ORDER BY pos`)
	if err != nil {
		return 0, fmt.Errorf("scan the log: %w", err)
	}
	defer rs.Close()
	var (
		pos, version, schema int64
		id, stream, typ      string
		data, meta           sql.RawBytes
		keyRef               string
		occurred             sql.NullInt64
		recorded             int64
	)
	for rs.Next() {
		if err := rs.Scan(&pos, &id, &stream, &version, &typ, &schema, &data, &meta, &keyRef, &occurred, &recorded); err != nil {
			return 0, err
		}
	}
	return time.Since(start), rs.Err()
}

// storeCountRows counts the rows of every table of the read store.
func storeCountRows(ctx context.Context, path string) (int, error) {
	db, err := sql.Open("sqlite", path+"?_pragma=query_only(1)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rs, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return 0, err
	}
	var names []string
	for rs.Next() {
		var n string
		if err := rs.Scan(&n); err != nil {
			rs.Close()
			return 0, err
		}
		names = append(names, n)
	}
	rs.Close()
	total := 0
	for _, n := range names {
		var c int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "`+strings.ReplaceAll(n, `"`, `""`)+`"`).Scan(&c); err != nil {
			return 0, err
		}
		total += c
	}
	return total, nil
}

// storeInsert writes rows session-shaped rows into a fresh file and
// returns how long it took.
func storeInsert(ctx context.Context, o Options, rows int) (time.Duration, error) {
	dir, err := storeTempDir(o, "insert")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	db, err := sql.Open("sqlite", filepath.Join(dir, "insert.db")+"?_pragma=synchronous(NORMAL)&_pragma=journal_mode(WAL)&_pragma=cache_size(-65536)&_txlock=immediate")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (id TEXT PRIMARY KEY, person TEXT NOT NULL, token TEXT NOT NULL,
		ip TEXT NOT NULL, ua TEXT NOT NULL, created INTEGER NOT NULL, expires INTEGER NOT NULL)`); err != nil {
		return 0, err
	}
	stmt := "INSERT INTO t VALUES " + strings.TrimSuffix(strings.Repeat("(?,?,?,?,?,?,?),", storeLimitBatch), ",")
	settle()
	start := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback() }()
	ps, err := tx.PrepareContext(ctx, stmt)
	if err != nil {
		return 0, err
	}
	args := make([]any, 0, 7*storeLimitBatch)
	for i := 0; i < rows; i += storeLimitBatch {
		args = args[:0]
		for k := range storeLimitBatch {
			n := i + k
			args = append(args, storeID("s", n), storeID("p", n%storeFixturePeople), fmt.Sprintf("%064x", n),
				"198.51.100.23", storeUA, int64(n), int64(n)+7*24*3600)
		}
		if _, err := ps.ExecContext(ctx, args...); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// storePGRebuild writes the workload into a fresh PostgreSQL database and
// returns the rate of "authledger projections rebuild" on it and what the
// command printed.
func storePGRebuild(ctx context.Context, o Options, n int) (float64, string, error) {
	db, drop, err := storePGDatabase(ctx, o.Postgres)
	if err != nil {
		return 0, "", err
	}
	defer drop()
	secret, err := storeSecret()
	if err != nil {
		return 0, "", err
	}
	es, err := espg.Open(ctx, db, espg.Options{})
	if err != nil {
		return 0, "", err
	}
	err = storeFixture(ctx, es, secret, n)
	es.Close()
	if err != nil {
		return 0, "", err
	}
	dir, err := storeTempDir(o, "rebuild-pg")
	if err != nil {
		return 0, "", err
	}
	defer os.RemoveAll(dir)
	fix := storeFix{url: db, secret: secret, events: n}
	return storeTimeCmd(ctx, o.Binary, fix, n, "projections", "rebuild", "--data-dir", dir)
}
