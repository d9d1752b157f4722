package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestForgetPostgres: the erasure on PostgreSQL leaves none of the
// person's email, name, IP or user agent in any row of the eventstore and
// ontology schemas (row text search) or in the server log, and the email
// can sign up again. Runs when AUTHLEDGER_TEST_POSTGRES is set.
func TestForgetPostgres(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	s := startPGNode(t, db, "--trusted-proxies", "127.0.0.1/32", "--log-level", "debug")
	id, cookie := erasureScenario(t, s)
	scanPostgres(t, db)
	for _, n := range erasureNeedles() {
		if strings.Contains(s.Stderr(), n) {
			t.Errorf("server log holds %q", n)
		}
	}
	checkAfterErasure(t, s, id, cookie)
}

// scanPostgres searches the text of every row of every table of the
// eventstore and ontology schemas for the subject's personal data.
func scanPostgres(t *testing.T, db string) {
	t.Helper()
	conn := pgConnect(t, db)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rows, err := conn.Query(ctx, "SELECT table_schema || '.' || table_name FROM information_schema.tables "+
		"WHERE table_schema IN ('eventstore', 'ontology') AND table_type = 'BASE TABLE'")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	if len(tables) < 5 {
		t.Fatalf("only %d tables found: %v", len(tables), tables)
	}
	for _, tb := range tables {
		for _, n := range erasureNeedles() {
			var c int
			if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+tb+" t WHERE t::text LIKE '%' || $1 || '%'", n).Scan(&c); err != nil {
				t.Fatalf("%s: %v", tb, err)
			}
			if c > 0 {
				t.Errorf("%s: %d rows still hold %q after erasure", tb, c, n)
			}
		}
	}
}
