package projections

import (
	"context"

	"github.com/authledger/authledger/eventstore"
)

// prefetcher reads and decodes batches ahead in its own goroutine, so a
// catch-up overlaps reading and decoding the next batch with applying the
// current one.
type prefetcher struct {
	out    chan fetched
	cancel context.CancelFunc
	done   chan struct{}
}

type fetched struct {
	b   *batch
	err error
}

// prefetch starts reading batches of limit records after the position.
// The goroutine stops after an empty batch or an error, or on stop.
func (r *Runner) prefetch(ctx context.Context, after eventstore.Position, limit int) *prefetcher {
	ctx, cancel := context.WithCancel(ctx)
	p := &prefetcher{out: make(chan fetched, 1), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for {
			b, err := r.readBatch(ctx, after, limit)
			if err == nil {
				r.decodeAll(ctx, b)
			}
			select {
			case p.out <- fetched{b: b, err: err}:
			case <-ctx.Done():
				return
			}
			if err != nil || len(b.recs) == 0 {
				return
			}
			after = b.recs[len(b.recs)-1].Position
		}
	}()
	return p
}

// next returns the next batch, or ctx's error.
func (p *prefetcher) next(ctx context.Context) (*batch, error) {
	select {
	case f := <-p.out:
		return f.b, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// stop ends the goroutine and waits for it.
func (p *prefetcher) stop() {
	p.cancel()
	<-p.done
}

// decodeAll decodes every record some projector handles. Transient
// failures are left undone, to be retried when applied.
func (r *Runner) decodeAll(ctx context.Context, b *batch) {
	for i, rec := range b.recs {
		for _, p := range r.projs {
			if p.Handles(rec.Type) {
				d := &b.dec[i]
				d.ev, d.meta, d.err = r.codec.DecodeEvent(ctx, rec)
				d.done = !transient(ctx, d.err)
				break
			}
		}
	}
}
