package chain

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// Options tune a Chainer; the zero value is the default.
type Options struct {
	// Batch is how many records one step reads, hashes and links in one
	// chain-store transaction (default 1000).
	Batch int
	// CheckpointEvery signs a checkpoint once this many links were added
	// since the last one (default 10,000).
	CheckpointEvery uint64
	// CheckpointInterval signs a checkpoint when the chain moved and the
	// last one is older than this (default 1 minute; negative: never by time).
	CheckpointInterval time.Duration
	// Coalesce is how long Run waits after a commit wakes it before
	// reading, so that one step links many commits and the chain's writes
	// stay few and large (default 100ms; negative: no wait).
	Coalesce time.Duration
	// Now is the clock for checkpoint times (default time.Now).
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Batch <= 0 {
		o.Batch = 1000
	}
	if o.CheckpointEvery == 0 {
		o.CheckpointEvery = 10_000
	}
	if o.CheckpointInterval == 0 {
		o.CheckpointInterval = time.Minute
	}
	if o.Coalesce == 0 {
		o.Coalesce = 100 * time.Millisecond
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Chainer is the one follower that extends the chain: it reads the records
// after the chain head with ReadAll, hashes them and appends their links in
// batches, off the append path. Run one per event store; a second one (on
// another node) only loses races, which it notices (ErrConflict) and
// follows. Methods are safe for concurrent use but run one at a time.
type Chainer struct {
	es   eventstore.Store
	cs   Store
	key  ed25519.PrivateKey
	opts Options

	mu     sync.Mutex // one operation at a time
	loaded bool
	head   Link
	lastCP Checkpoint // Count and Time of the newest checkpoint
	h      Hasher
	links  []Link

	shown   sync.Mutex // guards shownAt, so Head never waits for a step
	shownAt Link
}

// NewChainer returns a Chainer extending cs from the records of es and
// signing checkpoints with key.
func NewChainer(es eventstore.Store, cs Store, key ed25519.PrivateKey, opts Options) (*Chainer, error) {
	if es == nil || cs == nil {
		return nil, errors.New("chain: NewChainer needs an event store and a chain store")
	}
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("%w: private key has %d bytes", ErrNoKey, len(key))
	}
	return &Chainer{es: es, cs: cs, key: key, opts: opts.withDefaults()}, nil
}

// Head returns the last link this Chainer wrote or loaded; it does not
// wait for a step in progress.
func (c *Chainer) Head() Link {
	c.shown.Lock()
	defer c.shown.Unlock()
	return c.shownAt
}

// setHead moves the head and publishes it for Head.
func (c *Chainer) setHead(l Link) {
	c.head = l
	c.shown.Lock()
	c.shownAt = l
	c.shown.Unlock()
}

// CatchUp extends the chain to the records committed so far, signing
// checkpoints every CheckpointEvery links, and returns the new head.
func (c *Chainer) CatchUp(ctx context.Context) (Link, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		n, err := c.step(ctx)
		if err != nil {
			return c.head, err
		}
		if n < c.opts.Batch {
			return c.head, nil
		}
	}
}

// Checkpoint signs the current chain head now, unless the newest checkpoint
// already covers it; it returns the newest checkpoint (zero if the chain is
// empty).
func (c *Chainer) Checkpoint(ctx context.Context) (Checkpoint, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.load(ctx); err != nil {
		return Checkpoint{}, err
	}
	if c.head.Seq == 0 || c.head.Seq == c.lastCP.Count {
		return c.lastCP, nil
	}
	if err := c.checkpoint(ctx); err != nil {
		return Checkpoint{}, err
	}
	return c.lastCP, nil
}

// load reads the stored head and newest checkpoint once.
func (c *Chainer) load(ctx context.Context) error {
	if c.loaded {
		return nil
	}
	head, err := c.cs.ChainHead(ctx)
	if err != nil {
		return fmt.Errorf("chain: load head: %w", err)
	}
	cps, err := c.cs.Checkpoints(ctx)
	if err != nil {
		return fmt.Errorf("chain: load checkpoints: %w", err)
	}
	c.setHead(head)
	c.lastCP = Checkpoint{}
	if len(cps) > 0 {
		c.lastCP = cps[len(cps)-1]
	}
	c.loaded = true
	return nil
}

// step links one batch of records after the head and returns how many it
// read. On ErrConflict it reloads the head another chainer moved.
func (c *Chainer) step(ctx context.Context) (int, error) {
	if err := c.load(ctx); err != nil {
		return 0, err
	}
	recs, err := c.es.ReadAll(ctx, c.head.Position, c.opts.Batch)
	if err != nil || len(recs) == 0 {
		return 0, err
	}
	c.links = c.links[:0]
	prev := c.head
	for _, r := range recs {
		prev = Link{Seq: prev.Seq + 1, Position: r.Position, Hash: c.h.Next(prev.Hash, r)}
		c.links = append(c.links, prev)
	}
	if err := c.cs.AppendLinks(ctx, c.links); err != nil {
		if errors.Is(err, ErrConflict) {
			return c.reload(ctx, len(recs))
		}
		return 0, fmt.Errorf("chain: append links after %s: %w", c.head.Position, err)
	}
	c.setHead(prev)
	if c.head.Seq-c.lastCP.Count >= c.opts.CheckpointEvery {
		if err := c.checkpoint(ctx); err != nil {
			return 0, err
		}
	}
	return len(recs), nil
}

// reload re-reads the stored head after a conflict; a head that did not
// move means the chain store refuses our links for another reason.
func (c *Chainer) reload(ctx context.Context, n int) (int, error) {
	old := c.head
	c.loaded = false
	if err := c.load(ctx); err != nil {
		return 0, err
	}
	if c.head == old {
		return 0, fmt.Errorf("chain: links after %s refused but the head did not move: %w", old.Position, ErrConflict)
	}
	return n, nil
}

// checkpoint signs and stores the current head.
func (c *Chainer) checkpoint(ctx context.Context) error {
	cp, err := Sign(c.key, c.head, c.opts.Now())
	if err != nil {
		return err
	}
	if err := c.cs.PutCheckpoint(ctx, cp); err != nil {
		return fmt.Errorf("chain: store checkpoint at %s: %w", cp.Position, err)
	}
	c.lastCP = cp
	return nil
}

// checkpointDue signs a checkpoint when the chain moved since the last one
// and CheckpointInterval has passed.
func (c *Chainer) checkpointDue(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.opts.CheckpointInterval < 0 || c.head.Seq == c.lastCP.Count {
		return nil
	}
	if c.opts.Now().Sub(c.lastCP.Time) < c.opts.CheckpointInterval {
		return nil
	}
	return c.checkpoint(ctx)
}
