package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBackupPostgresRecipe: the README's pg_dump recipe, taken while a
// client keeps signing people up, restores into a new database where the
// chain verifies over every record, every sign-up acknowledged before the
// dump is present, and the restored projections equal a rebuild. Runs
// when AUTHLEDGER_TEST_POSTGRES is set.
func TestBackupPostgresRecipe(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	s := startPGNode(t, db)
	load := startSignUpLoad(s.URL)
	before := load.waitAcked(t, 5)
	dump := filepath.Join(t.TempDir(), "authledger.dump")
	pgTool(t, "pg_dump", "--format=custom", "--schema=eventstore", "--schema=ontology", "--file="+dump, db)
	load.waitAcked(t, len(before)+3)
	load.stop()
	s.Stop()

	restored := newPGDatabase(t, pgServerURL(t))
	pgTool(t, "pg_restore", "--no-owner", "--exit-on-error", "--dbname="+restored, dump)
	conn := pgConnect(t, restored)
	ctx := context.Background()
	var ahead bool
	if err := conn.QueryRow(ctx, "SELECT coalesce(max(tx_id) < pg_current_xact_id(), true) FROM eventstore.events").Scan(&ahead); err != nil || !ahead {
		t.Fatalf("the README's transaction id check fails on the restored database: %v %v", ahead, err)
	}
	r := startPGNode(t, restored)
	for email, id := range before {
		var n int
		for deadline := time.Now().Add(30 * time.Second); n == 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if err := conn.QueryRow(ctx, "SELECT count(*) FROM ontology.people WHERE id = $1", id).Scan(&n); err != nil {
				t.Fatal(err)
			}
		}
		if n != 1 {
			t.Errorf("acknowledged sign-up %s (%s) missing after restore", email, id)
		}
	}
	waitCaughtUp(t, restored) // the load's later sign-ups too: projections and chain at the head before the node stops
	r.Stop()
	var records uint64
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM eventstore.events").Scan(&records); err != nil {
		t.Fatal(err)
	}
	cli := []string{"--database", restored, "--secret", e2eSecret, "--data-dir", filepath.Join(t.TempDir(), "cli")}
	out := runAuthledger(t, append([]string{"audit", "verify", "--json"}, cli...)...)
	if !strings.Contains(out, `"ok": true`) || !strings.Contains(out, "verified "+strconv.FormatUint(records, 10)+" records") {
		t.Fatalf("audit verify of the restored database (%d records):\n%s", records, out)
	}
	live := pgReadTables(t, restored)
	runAuthledger(t, append([]string{"projections", "rebuild"}, cli...)...)
	if got := pgReadTables(t, restored); got != live {
		t.Errorf("the restored projections differ from a rebuild of the restored log")
	}
}

// pgTool runs a PostgreSQL client program (the database URL is its
// argument, never printed on failure).
func pgTool(t *testing.T, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

// pgReadTables renders the compared read tables of the ontology schema
// (checkpoints without their wall-clock column) as text.
func pgReadTables(t *testing.T, db string) string {
	t.Helper()
	conn := pgConnect(t, db)
	var b strings.Builder
	for _, tb := range readStoreTables {
		q := "SELECT t::text FROM ontology." + tb.name + " t ORDER BY " + tb.order
		if tb.name == "checkpoints" {
			q = "SELECT (to_jsonb(t) - 'updated_at')::text FROM ontology.checkpoints t ORDER BY projector"
		}
		rows, err := conn.Query(context.Background(), q)
		if err != nil {
			t.Fatalf("%s: %v", tb.name, err)
		}
		n := 0
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			b.WriteString(tb.name + ": " + s + "\n")
			n++
		}
		rows.Close()
		t.Logf("table %s: %d rows", tb.name, n)
	}
	return b.String()
}

// waitCaughtUp waits (30 s at most) until every projector of the database
// has no lag and the audit chain links every record, read with the
// read-only commands while the node runs.
func waitCaughtUp(t *testing.T, db string) {
	t.Helper()
	cli := []string{"--database", db, "--secret", e2eSecret, "--data-dir", filepath.Join(t.TempDir(), "cli")}
	var status, verify string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		status = runAuthledger(t, append([]string{"projections", "status", "--json"}, cli...)...)
		verify = runAuthledger(t, append([]string{"audit", "verify", "--json"}, cli...)...)
		var st struct {
			Projectors []struct {
				Lag uint64 `json:"lag"`
			} `json:"projectors"`
		}
		if err := json.Unmarshal([]byte(status), &st); err != nil {
			t.Fatalf("projections status --json: %v\n%s", err, status)
		}
		lag := uint64(0)
		for _, p := range st.Projectors {
			lag += p.Lag
		}
		if lag == 0 && len(st.Projectors) > 0 && strings.Contains(verify, `"unchained": false`) {
			return
		}
	}
	t.Fatalf("the restored node did not catch up in 30 s:\n%s\n%s", status, verify)
}
