package postgres_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"strconv"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/chain/chaintest"
	"github.com/authledger/authledger/eventstore/postgres"
)

func TestChainConformance(t *testing.T) {
	url := testURL(t)
	chaintest.Run(t, chaintest.Harness{Open: func(t *testing.T) chaintest.Subject {
		schema := freshSchema(t, url)
		s := openStore(t, url, postgres.Options{Schema: schema})
		return chaintest.Subject{Events: s, Chain: s.Chain(), Tamper: rowTamperer{url: url, schema: schema}}
	}})
}

// rowTamperer edits the store's rows through its own connection, as anyone
// with write access to the database would: disable the immutability
// triggers, then change rows.
type rowTamperer struct{ url, schema string }

// exec disables the triggers and runs the statements in one transaction.
func (r rowTamperer) exec(t *testing.T, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	conn := adminConn(t, r.url)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	pre := []string{"SET LOCAL search_path TO " + r.schema,
		"ALTER TABLE events DISABLE TRIGGER USER", "ALTER TABLE chain_links DISABLE TRIGGER USER",
		"ALTER TABLE chain_checkpoints DISABLE TRIGGER USER"}
	for _, s := range append(pre, stmts...) {
		if _, err := tx.Exec(ctx, s); err != nil {
			t.Fatalf("tamper %q: %v", s, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
}

// at is the SQL condition for the row at p, with a column prefix.
func at(p eventstore.Position, seqCol string) string {
	return "(tx_id, " + seqCol + ") = ('" + u(p.Hi) + "'::xid8, " + u(p.Lo) + ")"
}

func u(n uint64) string { return strconv.FormatUint(n, 10) }

func (r rowTamperer) ChangeByte(t *testing.T, p eventstore.Position) {
	// Bump the first digit of "n" in {"n":…}: one byte.
	r.exec(t, "UPDATE events SET data = set_byte(data, 5, (get_byte(data, 5) - 48 + 1) % 10 + 48) WHERE "+at(p, "seq"))
}

func (r rowTamperer) DeleteRecord(t *testing.T, p eventstore.Position) {
	r.exec(t, "DELETE FROM events WHERE "+at(p, "seq"))
}

func (r rowTamperer) SwapRecords(t *testing.T, a, b eventstore.Position) {
	const cols = "id, stream, version, type, schema, data, meta, key_ref, occurred_at, recorded_at"
	r.exec(t,
		"CREATE TEMP TABLE swap ON COMMIT DROP AS SELECT tx_id, seq, "+cols+" FROM events WHERE "+at(a, "seq")+" OR "+at(b, "seq"),
		"DELETE FROM events WHERE "+at(a, "seq")+" OR "+at(b, "seq"),
		"INSERT INTO events (tx_id, seq, "+cols+") OVERRIDING SYSTEM VALUE "+
			"SELECT CASE WHEN "+at(a, "seq")+" THEN '"+u(b.Hi)+"'::xid8 ELSE '"+u(a.Hi)+"'::xid8 END, "+
			"CASE WHEN "+at(a, "seq")+" THEN "+u(b.Lo)+" ELSE "+u(a.Lo)+" END, "+cols+" FROM swap")
}

func (r rowTamperer) CutTail(t *testing.T, p eventstore.Position) {
	r.exec(t, "DELETE FROM events WHERE (tx_id, seq) > ('"+u(p.Hi)+"'::xid8, "+u(p.Lo)+")",
		"DELETE FROM chain_links WHERE (tx_id, pos_seq) > ('"+u(p.Hi)+"'::xid8, "+u(p.Lo)+")")
}

func (r rowTamperer) SetLinkHash(t *testing.T, p eventstore.Position, h chain.Digest) {
	r.exec(t, "UPDATE chain_links SET hash = '\\x"+h.String()+"'::bytea WHERE "+at(p, "pos_seq"))
}

func (r rowTamperer) ForgeSignature(t *testing.T, count uint64) {
	r.exec(t, "UPDATE chain_checkpoints SET signature = set_byte(signature, 0, get_byte(signature, 0) # 1) WHERE count = "+u(count))
}

// BenchmarkChainExtend measures how fast the Chainer links an existing log
// of 100,000 events on PostgreSQL: events/s is the chain extension rate.
// Between runs the chain tables are emptied behind the triggers.
func BenchmarkChainExtend(b *testing.B) {
	const n = 100_000
	url := testURL(b)
	schema := freshSchema(b, url)
	s := openStore(b, url, postgres.Options{Schema: schema})
	for i := 0; i < n; i += 1000 {
		if _, err := s.Append(context.Background(), req(fmt.Sprintf("person-%d", i), eventstore.NoStream, 1000)); err != nil {
			b.Fatal(err)
		}
	}
	_, key, _ := ed25519.GenerateKey(nil)
	admin := adminConn(b, url)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		for _, stmt := range []string{"ALTER TABLE %[1]s.chain_links DISABLE TRIGGER USER", "DELETE FROM %[1]s.chain_links",
			"ALTER TABLE %[1]s.chain_links ENABLE TRIGGER USER", "ALTER TABLE %[1]s.chain_checkpoints DISABLE TRIGGER USER",
			"DELETE FROM %[1]s.chain_checkpoints", "ALTER TABLE %[1]s.chain_checkpoints ENABLE TRIGGER USER"} {
			if _, err := admin.Exec(context.Background(), fmt.Sprintf(stmt, schema)); err != nil {
				b.Fatal(err)
			}
		}
		c, err := chain.NewChainer(s, s.Chain(), key, chain.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		head, err := c.CatchUp(context.Background())
		if err != nil || head.Seq != n {
			b.Fatalf("CatchUp = %d links, %v", head.Seq, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}

// Store keeps its chain in its schema.
var _ chain.Chained = (*postgres.Store)(nil)
