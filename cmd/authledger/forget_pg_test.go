package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestForgetPostgres: the erasure on PostgreSQL leaves none of the
// person's email, name, IP or user agent in any row of the eventstore and
// ontology schemas (text and bytea columns read as bytes) or in the server
// log, and the email can sign up again. The same scan first finds every
// value before the erasure, and finds the person's id inside the event
// log's bytea data, so "found nowhere after" is not a blind scan. Runs
// when AUTHLEDGER_TEST_POSTGRES is set.
func TestForgetPostgres(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	s := startPGNode(t, db, "--trusted-proxies", "127.0.0.1/32", "--log-level", "debug")
	id, cookie := erasureSetup(t, s)
	before := postgresSources(t, db)
	requireFound(t, before)
	if !bytes.Contains(before["eventstore.events.data"], []byte(id)) {
		t.Errorf("the scan of eventstore.events.data (bytea) does not find the person id %s", id)
	}
	erasureForget(t, s, id)
	after := postgresSources(t, db)
	after["server log"] = []byte(s.Stderr())
	requireAbsent(t, after)
	checkAfterErasure(t, s, id, cookie)
}

// postgresSources reads every row of every table of the eventstore and
// ontology schemas as scan sources: per table, each row's text form plus
// the raw bytes of every column; per bytea column, its decoded bytes
// (also as a source of their own, "schema.table.column"), so personal data
// inside bytea would be found as it was written, not as hex.
func postgresSources(t *testing.T, db string) map[string][]byte {
	t.Helper()
	conn := pgConnect(t, db)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rows, err := conn.Query(ctx, "SELECT c.table_schema || '.' || c.table_name, string_agg(c.column_name, ',') FILTER (WHERE c.data_type = 'bytea') "+
		"FROM information_schema.columns c JOIN information_schema.tables tb USING (table_schema, table_name) "+
		"WHERE c.table_schema IN ('eventstore', 'ontology') AND tb.table_type = 'BASE TABLE' GROUP BY 1")
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string][]string{}
	for rows.Next() {
		var n string
		var cols *string
		if err := rows.Scan(&n, &cols); err != nil {
			t.Fatal(err)
		}
		tables[n] = nil
		if cols != nil {
			tables[n] = strings.Split(*cols, ",")
		}
	}
	rows.Close()
	if len(tables) < 5 {
		t.Fatalf("only %d tables found: %v", len(tables), tables)
	}
	src := map[string][]byte{}
	for tb, byteaCols := range tables {
		src[tb] = pgRowBytes(ctx, t, conn, "SELECT t::text, t.* FROM "+tb+" t")
		for _, c := range byteaCols {
			src[tb+"."+c] = pgRowBytes(ctx, t, conn, "SELECT "+c+" FROM "+tb)
		}
	}
	return src
}

// pgRowBytes concatenates the raw bytes of every value of every row q
// returns (bytea values arrive decoded), one row per line.
func pgRowBytes(ctx context.Context, t *testing.T, conn *pgx.Conn, q string) []byte {
	t.Helper()
	rows, err := conn.Query(ctx, q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []byte
	for rows.Next() {
		for _, v := range rows.RawValues() {
			out = append(append(out, v...), 0)
		}
		out = append(out, '\n')
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

// TestForgetEverywherePostgres is TestForgetEverywhereSQLite on
// PostgreSQL: after the full scenario and the erasure, no row of the
// eventstore and ontology schemas (bytea decoded) and no server log line
// holds the subject's email, name, IP or user agent, each found by the
// same scan before; the subject's pending invitation shows the erased
// marker. Runs when AUTHLEDGER_TEST_POSTGRES is set.
func TestForgetEverywherePostgres(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	s := startPGNode(t, db, "--trusted-proxies", "127.0.0.1/32", "--log-level", "debug",
		"--rp-id", "localhost", "--rp-origins", e2eTrustedOrigin)
	id, owner, orgs := fullScenario(t, s)
	before := postgresSources(t, db)
	before["server log"] = []byte(s.Stderr())
	requireFoundIn(t, fullNeedles(), before)
	if !bytes.Contains(before["eventstore.events.data"], []byte(id)) {
		t.Errorf("the scan of eventstore.events.data (bytea) does not find the person id %s", id)
	}
	erasureForget(t, s, id)
	after := postgresSources(t, db)
	after["server log"] = []byte(s.Stderr())
	requireAbsentIn(t, fullNeedles(), after)
	if got := pendingEmails(t, owner, orgs["erasure-c"]); len(got) != 1 || got[0] != "[erased]" {
		t.Errorf("pending invitations of C after the erasure: %v, want the erased marker", got)
	}
}
