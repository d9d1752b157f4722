package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"

	"github.com/authledger/authledger/api/compliance"
)

// sqliteScrub is the compliance.Scrubber of the embedded SQLite read
// store: the ontology store deletes an erased person's rows, but SQLite
// keeps deleted content in free pages and in the WAL until it is
// overwritten. Scrub rewrites the file (VACUUM) and empties the WAL
// (checkpoint TRUNCATE), so nothing of the person stays on disk. The
// event store needs none of this: it runs with secure_delete and holds
// only ciphertext of personal data.
type sqliteScrub struct{ path string }

// scrubberFor returns the scrubber of the embedded read store (no
// --ontology URL); a PostgreSQL read store needs none (nil: autovacuum
// reclaims dead rows; run VACUUM for an immediate physical purge).
func scrubberFor(s storeSettings) compliance.Scrubber {
	if s.ReadURL != "" {
		return nil
	}
	return sqliteScrub{path: filepath.Join(s.DataDir, "ontology.db")}
}

// Scrub implements compliance.Scrubber.
func (s sqliteScrub) Scrub(ctx context.Context) error {
	db, err := sql.Open("sqlite", s.path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	for _, q := range []string{"PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("scrub %s: %s: %w", filepath.Base(s.path), q, err)
		}
	}
	return nil
}
