package sqlite_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/chain/chaintest"
	"github.com/authledger/authledger/eventstore/sqlite"
)

func TestChainConformance(t *testing.T) {
	chaintest.Run(t, chaintest.Harness{Open: func(t *testing.T) chaintest.Subject {
		path := filepath.Join(t.TempDir(), "events.db")
		s := openAt(t, path, sqlite.Options{})
		t.Cleanup(func() { _ = s.Close() })
		return chaintest.Subject{Events: s, Chain: s.Chain(), Tamper: fileTamperer{path: path}}
	}})
}

// fileTamperer edits events.db through its own connection, as anyone with
// the file would: drop the immutability triggers, then change rows.
type fileTamperer struct{ path string }

// exec drops the triggers and runs the statements in one transaction.
func (f fileTamperer) exec(t *testing.T, stmts ...string) {
	t.Helper()
	db := rawDB(t, f.path)
	drop := []string{"DROP TRIGGER IF EXISTS events_no_update", "DROP TRIGGER IF EXISTS events_no_delete",
		"DROP TRIGGER IF EXISTS chain_links_no_update", "DROP TRIGGER IF EXISTS chain_links_no_delete",
		"DROP TRIGGER IF EXISTS chain_checkpoints_no_update"}
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	for _, s := range append(drop, stmts...) {
		if _, err := tx.Exec(s); err != nil {
			t.Fatalf("tamper %q: %v", s, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
}

// pos is the rowid of a position.
func pos(p eventstore.Position) string { return strconv.FormatUint(p.Lo, 10) }

func (f fileTamperer) ChangeByte(t *testing.T, p eventstore.Position) {
	// Flip the first digit of "n" in {"n":…}: one byte, still valid JSON.
	f.exec(t, "UPDATE events SET data = substr(data, 1, 5) || char((unicode(substr(data, 6, 1)) - 48 + 1) % 10 + 48) || substr(data, 7) WHERE pos = "+pos(p))
}

func (f fileTamperer) DeleteRecord(t *testing.T, p eventstore.Position) {
	f.exec(t, "DELETE FROM events WHERE pos = "+pos(p))
}

func (f fileTamperer) SwapRecords(t *testing.T, a, b eventstore.Position) {
	const cols = "id, stream, version, type, schema, data, meta, key_ref, occurred_at, recorded_at"
	f.exec(t,
		"CREATE TEMP TABLE swap AS SELECT pos, "+cols+" FROM events WHERE pos IN ("+pos(a)+", "+pos(b)+")",
		"DELETE FROM events WHERE pos IN ("+pos(a)+", "+pos(b)+")",
		"INSERT INTO events (pos, "+cols+") SELECT CASE pos WHEN "+pos(a)+" THEN "+pos(b)+" ELSE "+pos(a)+" END, "+cols+" FROM swap",
		"DROP TABLE temp.swap")
}

func (f fileTamperer) CutTail(t *testing.T, p eventstore.Position) {
	f.exec(t, "DELETE FROM events WHERE pos > "+pos(p), "DELETE FROM chain_links WHERE position > "+pos(p))
}

func (f fileTamperer) SetLinkHash(t *testing.T, p eventstore.Position, h chain.Digest) {
	f.exec(t, "UPDATE chain_links SET hash = X'"+h.String()+"' WHERE position = "+pos(p))
}

func (f fileTamperer) ForgeSignature(t *testing.T, count uint64) {
	f.exec(t, "UPDATE chain_checkpoints SET signature = CASE WHEN substr(signature, 1, 1) = X'00' THEN X'01' ELSE X'00' END || substr(signature, 2) WHERE count = "+strconv.FormatUint(count, 10))
}

// Store keeps its chain in its own file.
var _ chain.Chained = (*sqlite.Store)(nil)
