package chain_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/chain/chaintest"
	"github.com/authledger/authledger/eventstore/memory"
)

// TestMemConformance runs the suite on MemStore over the memory event
// store, tampering through a view of the log (memTamper).
func TestMemConformance(t *testing.T) {
	chaintest.Run(t, chaintest.Harness{Open: func(t *testing.T) chaintest.Subject {
		es := &tamperedLog{Store: memory.New(), edits: map[eventstore.Position]*eventstore.Record{}}
		t.Cleanup(func() { _ = es.Close() })
		cs := chain.NewMemStore()
		return chaintest.Subject{Events: es, Chain: cs, Tamper: memTamper{es, cs}}
	}})
}

// tamperedLog is a memory store whose ReadAll shows edited, deleted and
// cut records, as if its storage had been changed.
type tamperedLog struct {
	*memory.Store
	mu    sync.Mutex
	edits map[eventstore.Position]*eventstore.Record // nil: deleted
	cut   eventstore.Position                        // records after it are gone (zero: none)
}

func (l *tamperedLog) ReadAll(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	recs, err := l.Store.ReadAll(ctx, after, limit)
	l.mu.Lock()
	defer l.mu.Unlock()
	out := recs[:0]
	for _, r := range recs {
		if !l.cut.IsZero() && l.cut.Less(r.Position) {
			break
		}
		e, edited := l.edits[r.Position]
		switch {
		case !edited:
			out = append(out, r)
		case e != nil:
			out = append(out, *e)
		}
	}
	return out, err
}

// record returns the stored record at pos.
func (l *tamperedLog) record(t *testing.T, pos eventstore.Position) eventstore.Record {
	t.Helper()
	recs, err := l.Store.ReadAll(context.Background(), eventstore.Position{Lo: pos.Lo - 1}, 1)
	if err != nil || len(recs) != 1 || recs[0].Position != pos {
		t.Fatalf("no record at %s: %v", pos, err)
	}
	return recs[0]
}

func (l *tamperedLog) edit(pos eventstore.Position, r *eventstore.Record) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.edits[pos] = r
}

type memTamper struct {
	log *tamperedLog
	cs  *chain.MemStore
}

func (m memTamper) ChangeByte(t *testing.T, pos eventstore.Position) {
	r := m.log.record(t, pos)
	r.Data = slices.Clone(r.Data)
	r.Data[len(r.Data)-2] ^= 1
	m.log.edit(pos, &r)
}

func (m memTamper) DeleteRecord(t *testing.T, pos eventstore.Position) { m.log.edit(pos, nil) }

func (m memTamper) SwapRecords(t *testing.T, a, b eventstore.Position) {
	ra, rb := m.log.record(t, a), m.log.record(t, b)
	ra.Position, rb.Position = b, a
	m.log.edit(a, &rb)
	m.log.edit(b, &ra)
}

func (m memTamper) CutTail(t *testing.T, pos eventstore.Position) {
	m.log.mu.Lock()
	m.log.cut = pos
	m.log.mu.Unlock()
	chain.EditMem(m.cs, func(links []chain.Link, cps []chain.Checkpoint) ([]chain.Link, []chain.Checkpoint) {
		return slices.DeleteFunc(links, func(l chain.Link) bool { return pos.Less(l.Position) }), cps
	})
}

func (m memTamper) SetLinkHash(t *testing.T, pos eventstore.Position, h chain.Digest) {
	chain.EditMem(m.cs, func(links []chain.Link, cps []chain.Checkpoint) ([]chain.Link, []chain.Checkpoint) {
		for i := range links {
			if links[i].Position == pos {
				links[i].Hash = h
			}
		}
		return links, cps
	})
}

func (m memTamper) ForgeSignature(t *testing.T, count uint64) {
	chain.EditMem(m.cs, func(links []chain.Link, cps []chain.Checkpoint) ([]chain.Link, []chain.Checkpoint) {
		for i := range cps {
			if cps[i].Count == count {
				cps[i].Signature = slices.Clone(cps[i].Signature)
				cps[i].Signature[0] ^= 1
			}
		}
		return links, cps
	})
}
