package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/postgres"
)

// TestReadPlansUseTheIndex: on a log that has no planner statistics yet
// (a restored or freshly filled one, before autovacuum's ANALYZE), the
// statements a follower runs on every page and every Head must not scan
// the whole events table: a whole-table scan per page makes a rebuild's
// time grow with the square of the log. The plans are read with EXPLAIN
// (nothing is executed) at a horizon past every record, the caught-up
// case.
func TestReadPlansUseTheIndex(t *testing.T) {
	s, schema := newStore(t, postgres.Options{})
	ctx := context.Background()
	evs := make([]eventstore.EventData, 500)
	for i := range 20 {
		for k := range evs {
			evs[k] = benchEvent(i*500 + k)
		}
		if _, err := s.Append(ctx, eventstore.AppendRequest{Stream: fmt.Sprintf("s-%d", i), Expected: eventstore.NoStream, Events: evs}); err != nil {
			t.Fatal(err)
		}
	}
	conn := adminConn(t, testURL(t))
	var analyzed bool
	if err := conn.QueryRow(ctx, "SELECT last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'events'", schema).Scan(&analyzed); err != nil {
		t.Fatal(err)
	}
	if analyzed {
		t.Skip("the events table was analyzed already: the plans would not show the statistics-free case")
	}
	readAll, visible := s.ReadQueries()
	const horizon = "999999999"
	for name, q := range map[string]struct {
		sql  string
		args []any
	}{
		"page":    {readAll, []any{horizon, "0", int64(0), 1000}},
		"visible": {visible, []any{horizon}},
	} {
		rows, err := conn.Query(ctx, "EXPLAIN "+q.sql, q.args...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var plan []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, line)
		}
		rows.Close()
		if text := strings.Join(plan, "\n"); strings.Contains(text, "Seq Scan on events") {
			t.Errorf("the %s statement scans the whole log:\n%s", name, text)
		}
	}
}
