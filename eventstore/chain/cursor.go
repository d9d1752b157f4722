package chain

import (
	"context"

	"github.com/authledger/authledger/eventstore"
)

// verifyBatch is how many records or links Verify reads per query.
const verifyBatch = 1000

// cursor walks records or links in position order, in batches, up to an
// optional last position.
type cursor[T any] struct {
	fetch func(ctx context.Context, after eventstore.Position, n int) ([]T, error)
	pos   func(T) eventstore.Position
	after eventstore.Position // position of the last item fetched
	to    eventstore.Position // last position wanted; zero = no limit
	buf   []T
	end   bool
}

// peek returns the next item without consuming it; ok is false at the end.
func (c *cursor[T]) peek(ctx context.Context) (item T, ok bool, err error) {
	if len(c.buf) == 0 && !c.end {
		b, err := c.fetch(ctx, c.after, verifyBatch)
		if err != nil {
			return item, false, err
		}
		c.buf, c.end = b, len(b) == 0
		if len(b) > 0 {
			c.after = c.pos(b[len(b)-1])
		}
	}
	if len(c.buf) == 0 || (!c.to.IsZero() && c.to.Less(c.pos(c.buf[0]))) {
		return item, false, nil
	}
	return c.buf[0], true, nil
}

// advance consumes the item peek returned.
func (c *cursor[T]) advance() { c.buf = c.buf[1:] }

func recordCursor(es eventstore.Store, after, to eventstore.Position) *cursor[eventstore.Record] {
	return &cursor[eventstore.Record]{fetch: es.ReadAll, after: after, to: to,
		pos: func(r eventstore.Record) eventstore.Position { return r.Position }}
}

func linkCursor(cs Store, after, to eventstore.Position) *cursor[Link] {
	return &cursor[Link]{fetch: cs.ReadLinks, after: after, to: to,
		pos: func(l Link) eventstore.Position { return l.Position }}
}
