package outbox

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// Handler is the work a subscriber does per record.
type Handler interface {
	// Wants reports whether rec needs Handle (by its type, say); records
	// it does not want only move the checkpoint.
	Wants(rec eventstore.Record) bool
	// Handle does the record's side effect. An error is retried with
	// backoff unless wrapped by Permanent. It must be idempotent or
	// recognisable when repeated: delivery is at-least-once.
	Handle(ctx context.Context, rec eventstore.Record) error
}

// DefaultAttemptTimeout bounds one Handle call.
const DefaultAttemptTimeout = 30 * time.Second

// Subscriber follows the log for one Handler with its own checkpoint.
// Name, Store, Checkpoints and Handler are required; the rest default.
type Subscriber struct {
	Name        string // checkpoint name, versioned ("mail.v1")
	Store       eventstore.Store
	Checkpoints Checkpoints
	Handler     Handler
	Retry       Retry
	// AttemptTimeout bounds one Handle call (default 30 s). A call is not
	// cut short when Run's context ends: stopping waits for the current
	// attempt, so a message half sent is not abandoned mid-way.
	AttemptTimeout time.Duration
	// Sleep waits between attempts (default SleepContext); Jitter
	// spreads a delay (default FullJitter). Tests inject both.
	Sleep  func(ctx context.Context, d time.Duration) error
	Jitter func(d time.Duration) time.Duration
	// OnGiveUp is called when a record is passed without success (a
	// metric); the log line is written anyway.
	OnGiveUp func(rec eventstore.Record, err error)
	// Metrics, when set, counts handled, retried and given-up events.
	Metrics *Metrics
	Logger  *slog.Logger // nil: discard
	Batch   int          // records read at once (default 100)
}

func (s *Subscriber) defaults() {
	s.Retry = s.Retry.withDefaults()
	if s.AttemptTimeout <= 0 {
		s.AttemptTimeout = DefaultAttemptTimeout
	}
	if s.Sleep == nil {
		s.Sleep = SleepContext
	}
	if s.Jitter == nil {
		s.Jitter = FullJitter
	}
	if s.Logger == nil {
		s.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.Batch <= 0 {
		s.Batch = 100
	}
}

// Run follows the log until ctx ends and returns ctx's error. A store or
// checkpoint failure (the database restarting) does not stop it: it
// resumes from the checkpoint after a bounded backoff.
func (s *Subscriber) Run(ctx context.Context) error {
	s.defaults()
	backoff := 100 * time.Millisecond
	for {
		err := s.follow(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s.Logger.Warn("log subscriber interrupted; resuming from its checkpoint", "subscriber", s.Name, "err", err, "backoff", backoff)
		if err := s.Sleep(ctx, backoff); err != nil {
			return err
		}
		backoff = min(2*backoff, 30*time.Second)
	}
}

// Init records the log's head as the checkpoint when there is none yet,
// so what is appended from now on is handled even if Run starts later
// (call it before serving commands). It is idempotent.
func (s *Subscriber) Init(ctx context.Context) error {
	s.defaults()
	_, err := s.start(ctx)
	return err
}

// follow reads from the checkpoint on and handles records in order.
func (s *Subscriber) follow(ctx context.Context) error {
	after, err := s.start(ctx)
	if err != nil {
		return err
	}
	return eventstore.Follow(ctx, s.Store, after, s.Batch, func(ctx context.Context, recs []eventstore.Record) error {
		skipped := false
		for _, rec := range recs {
			if !s.Handler.Wants(rec) {
				skipped = true
				continue
			}
			if err := s.deliver(ctx, rec); err != nil {
				return err
			}
			if err := s.save(ctx, rec.Position); err != nil {
				return err
			}
			skipped = false
		}
		if skipped {
			return s.save(ctx, recs[len(recs)-1].Position)
		}
		return nil
	})
}

// start returns the checkpoint; without one it records the head.
func (s *Subscriber) start(ctx context.Context) (eventstore.Position, error) {
	text, err := s.Checkpoints.Checkpoint(ctx, s.Name)
	if err != nil {
		return eventstore.Position{}, fmt.Errorf("outbox: %s: read checkpoint: %w", s.Name, err)
	}
	if text != "" {
		return eventstore.ParsePosition(text)
	}
	head, err := s.Store.Head(ctx)
	if err != nil {
		return eventstore.Position{}, fmt.Errorf("outbox: %s: head: %w", s.Name, err)
	}
	s.Logger.Info("log subscriber starts at the head of the log", "subscriber", s.Name, "position", head.String())
	return head, s.save(ctx, head)
}

// save records pos; it is not cut short by ctx ending, so a record just
// handled is not handled again for want of its checkpoint.
func (s *Subscriber) save(ctx context.Context, pos eventstore.Position) error {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.AttemptTimeout)
	defer cancel()
	if err := s.Checkpoints.SetCheckpoint(sctx, s.Name, pos.String()); err != nil {
		return fmt.Errorf("outbox: %s: save checkpoint: %w", s.Name, err)
	}
	return nil
}

// deliver handles rec until it succeeds or is given up; it returns only
// ctx's error (stopping between attempts: the record is not passed).
func (s *Subscriber) deliver(ctx context.Context, rec eventstore.Record) error {
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.AttemptTimeout)
		err := s.Handler.Handle(actx, rec)
		cancel()
		if err == nil {
			s.Metrics.count(func(m *Metrics) *atomic.Int64 { return &m.handled })
			return nil
		}
		if IsPermanent(err) || n >= s.Retry.Attempts {
			s.giveUp(rec, n, err)
			return nil
		}
		s.Metrics.count(func(m *Metrics) *atomic.Int64 { return &m.retried })
		d := s.Jitter(s.Retry.Delay(n))
		s.Logger.Warn("log subscriber: attempt failed; retrying", "subscriber", s.Name, "event", rec.ID,
			"type", rec.Type, "attempt", n, "retry_in", d, "err", err)
		if err := s.Sleep(ctx, d); err != nil {
			return err
		}
	}
}

// giveUp logs and reports a record passed without success.
func (s *Subscriber) giveUp(rec eventstore.Record, attempts int, err error) {
	s.Logger.Error("log subscriber gave up on an event", "subscriber", s.Name, "event", rec.ID, "type", rec.Type,
		"position", rec.Position.String(), "attempts", attempts, "permanent", IsPermanent(err), "err", err)
	s.Metrics.count(func(m *Metrics) *atomic.Int64 { return &m.givenUp })
	if s.OnGiveUp != nil {
		s.OnGiveUp(rec, err)
	}
}
