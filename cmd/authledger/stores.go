package main

import (
	"context"
	"path/filepath"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	espg "github.com/authledger/authledger/eventstore/postgres"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
	"github.com/authledger/authledger/ontology"
	ontpg "github.com/authledger/authledger/ontology/postgres"
	ontsqlite "github.com/authledger/authledger/ontology/sqlite"
	"github.com/authledger/authledger/projections"
)

// openEventStore opens the log (PostgreSQL at s.EventsURL when set, else
// SQLite in s.DataDir, a 0600 file: privateDB) with the audit hash chain the adapter keeps next to
// its records.
func openEventStore(ctx context.Context, s storeSettings) (eventstore.Store, chain.Store, error) {
	if s.EventsURL == "" {
		path := filepath.Join(s.DataDir, "events.db")
		if err := privateDB(path); err != nil {
			return nil, nil, err
		}
		st, err := essqlite.Open(ctx, path, essqlite.Options{Synchronous: s.Sync})
		if err != nil {
			return nil, nil, err
		}
		return st, st.Chain(), nil
	}
	st, err := espg.Open(ctx, s.EventsURL, espg.Options{MaxConns: s.MaxConns, StatementTimeout: s.StatementTimeout,
		IdleInTxTimeout: 2 * s.StatementTimeout})
	if err != nil {
		return nil, nil, err
	}
	return st, st.Chain(), nil
}

// openReadStore opens the ontology read store (PostgreSQL at s.ReadURL
// when set, else SQLite in s.DataDir) and, on PostgreSQL, the
// leader election that keeps several nodes from applying events twice.
func openReadStore(ctx context.Context, s storeSettings) (ontology.Store, projections.Elector, error) {
	if s.ReadURL == "" {
		path := filepath.Join(s.DataDir, "ontology.db")
		if err := privateDB(path); err != nil {
			return nil, nil, err
		}
		st, err := ontsqlite.Open(ctx, path)
		return st, nil, err
	}
	st, err := ontpg.Open(ctx, s.ReadURL, ontpg.Options{MaxConns: s.MaxConns})
	if err != nil {
		return nil, nil, err
	}
	return st, st.Elector("projections"), nil
}
