package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	espg "github.com/authledger/authledger/eventstore/postgres"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
	"github.com/authledger/authledger/ontology"
	ontpg "github.com/authledger/authledger/ontology/postgres"
	ontsqlite "github.com/authledger/authledger/ontology/sqlite"
	"github.com/authledger/authledger/projections"
)

// storeURLs resolves where the event store and the read store live:
// --eventstore / --ontology win over --database; empty means the embedded
// SQLite files in --data-dir.
func storeURLs(cfg config) (events, read string, err error) {
	events, read = cfg["database"], cfg["database"]
	if cfg["eventstore"] != "" {
		events = cfg["eventstore"]
	}
	if cfg["ontology"] != "" {
		read = cfg["ontology"]
	}
	for _, u := range []string{events, read} {
		if u != "" && !isPostgres(u) {
			return "", "", fmt.Errorf("%w: database URL %q: want postgres:// (or empty for embedded SQLite)", errUsage, redactURL(u))
		}
	}
	return events, read, nil
}

func isPostgres(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// dbOptions reads the pool settings shared by both PostgreSQL stores.
func dbOptions(cfg config) (maxConns int32, timeout time.Duration, err error) {
	n, err := atoi(cfg, "db-max-conns")
	if err != nil || n < 1 {
		return 0, 0, fmt.Errorf("%w: --db-max-conns must be at least 1", errUsage)
	}
	d, err := time.ParseDuration(cfg["db-statement-timeout"])
	if err != nil || d <= 0 {
		return 0, 0, fmt.Errorf("%w: --db-statement-timeout must be a positive duration such as 5s", errUsage)
	}
	return int32(n), d, nil
}

// openEventStore opens the log: PostgreSQL when url is set, else SQLite;
// with it the audit hash chain the adapter keeps next to its records.
func openEventStore(ctx context.Context, cfg config, url, dir string) (eventstore.Store, chain.Store, error) {
	if url == "" {
		sync, err := syncMode(cfg["sync"])
		if err != nil {
			return nil, nil, err
		}
		st, err := essqlite.Open(ctx, filepath.Join(dir, "events.db"), essqlite.Options{Synchronous: sync})
		if err != nil {
			return nil, nil, err
		}
		return st, st.Chain(), nil
	}
	maxConns, timeout, err := dbOptions(cfg)
	if err != nil {
		return nil, nil, err
	}
	st, err := espg.Open(ctx, url, espg.Options{MaxConns: maxConns, StatementTimeout: timeout, IdleInTxTimeout: 2 * timeout})
	if err != nil {
		return nil, nil, err
	}
	return st, st.Chain(), nil
}

// openReadStore opens the ontology read store and, on PostgreSQL, the
// leader election that keeps several nodes from applying events twice.
func openReadStore(ctx context.Context, cfg config, url, dir string) (ontology.Store, projections.Elector, error) {
	if url == "" {
		st, err := ontsqlite.Open(ctx, filepath.Join(dir, "ontology.db"))
		return st, nil, err
	}
	maxConns, _, err := dbOptions(cfg)
	if err != nil {
		return nil, nil, err
	}
	st, err := ontpg.Open(ctx, url, ontpg.Options{MaxConns: maxConns})
	if err != nil {
		return nil, nil, err
	}
	return st, st.Elector("projections"), nil
}
