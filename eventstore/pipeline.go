package eventstore

import (
	"context"
	"errors"

	"github.com/authledger/authledger/domain"
)

// Change is one stream's part of a command: the events a decider produced
// and the claims to take or release with them, appended under Expected.
type Change struct {
	Stream   string
	Expected ExpectedVersion
	Events   []domain.Event
	Claims   []Claim
	Releases []Claim
}

// empty reports whether the change would write nothing.
func (c Change) empty() bool {
	return len(c.Events) == 0 && len(c.Claims) == 0 && len(c.Releases) == 0
}

// DefaultAttempts bounds how often Handle runs a command when concurrent
// writers keep moving its stream.
const DefaultAttempts = 4

// ErrConflict is returned by Handle when every attempt lost the race for a
// stream to another writer: the client may retry the whole request.
var ErrConflict = domain.Errorf(domain.CodeConflict, "Concurrent update, please retry")

// Pipeline is the one way the product appends: it seals events with Codec,
// appends them to Store atomically and, after every successful append,
// calls Committed (the application waits there for its read models and
// records the position for the caller). Build one per process.
type Pipeline struct {
	Store Store
	Codec *Codec
	// Attempts bounds Handle's retries on ErrWrongExpectedVersion
	// (DefaultAttempts when zero).
	Attempts int
	// Committed, when set, runs after each successful append with the
	// position of its last record; its error is returned to the caller
	// (the write is durable whatever it says).
	Committed func(ctx context.Context, pos Position) error
	// Observed, when set, sees the events of each durable Commit, before
	// Committed runs (the server counts auth outcomes with it). It must
	// be quick and must not fail.
	Observed func(events []domain.Event)
}

// Commit seals meta and the changes' events with keyRef's key and appends
// every non-empty change in one atomic Append. It returns the position of
// the last record (zero when nothing was written).
func (p *Pipeline) Commit(ctx context.Context, meta domain.Metadata, keyRef string, changes ...Change) (Position, error) {
	reqs, events, err := p.seal(ctx, meta, keyRef, changes)
	if err != nil {
		return Position{}, err
	}
	return p.append(ctx, reqs, events)
}

// CommitKeyed is Commit for changes sealed with the key of key.Subject that
// Keyring.Fresh just made: the key is stored in the same transaction as
// the records, through Store's KeyedAppender (ErrKeyedUnsupported without
// one).
func (p *Pipeline) CommitKeyed(ctx context.Context, meta domain.Metadata, key NewKey, changes ...Change) (Position, error) {
	ka, ok := p.Store.(KeyedAppender)
	if !ok {
		return Position{}, ErrKeyedUnsupported
	}
	reqs, events, err := p.seal(ctx, meta, key.Subject, changes)
	if err != nil {
		return Position{}, err
	}
	if len(reqs) == 0 {
		return Position{}, nil
	}
	pos, err := ka.AppendKeyed(ctx, []NewKey{key}, reqs...)
	if err != nil {
		return pos, err
	}
	return pos, p.committed(ctx, pos, events)
}

// seal encodes the events of the non-empty changes into append requests;
// events are the decided events, for Observed.
func (p *Pipeline) seal(ctx context.Context, meta domain.Metadata, keyRef string, changes []Change) ([]AppendRequest, []domain.Event, error) {
	reqs := make([]AppendRequest, 0, len(changes))
	var events []domain.Event
	for _, ch := range changes {
		if ch.empty() {
			continue
		}
		req := AppendRequest{Stream: ch.Stream, Expected: ch.Expected, Claims: ch.Claims, Releases: ch.Releases}
		for _, ev := range ch.Events {
			data, err := p.Codec.Encode(ctx, ev, meta, keyRef)
			if err != nil {
				return nil, nil, err
			}
			req.Events = append(req.Events, data)
		}
		events = append(events, ch.Events...)
		reqs = append(reqs, req)
	}
	return reqs, events, nil
}

// AppendSealed appends records that are already sealed (a compensation or
// an erasure prepared by the caller) and runs Committed like Commit.
func (p *Pipeline) AppendSealed(ctx context.Context, reqs ...AppendRequest) (Position, error) {
	return p.append(ctx, reqs, nil)
}

// append appends reqs, shows events (the decided events of reqs, nil
// when sealed by the caller) to Observed and runs Committed.
func (p *Pipeline) append(ctx context.Context, reqs []AppendRequest, events []domain.Event) (Position, error) {
	if len(reqs) == 0 {
		return Position{}, nil
	}
	pos, err := p.Store.Append(ctx, reqs...)
	if err != nil {
		return pos, err
	}
	return pos, p.committed(ctx, pos, events)
}

// committed runs the after-append steps of a durable append at pos:
// Observed with its decided events, then Committed.
func (p *Pipeline) committed(ctx context.Context, pos Position, events []domain.Event) error {
	if p.Observed != nil && len(events) > 0 {
		p.Observed(events)
	}
	if p.Committed != nil {
		return p.Committed(ctx, pos)
	}
	return nil
}

// Retry runs attempt until it returns something other than
// ErrWrongExpectedVersion, at most p.Attempts times; then ErrConflict.
// Handle uses it; a use case that loads several streams itself (and so
// cannot be one Command) uses it around its own load → decide → Commit.
func (p *Pipeline) Retry(attempt func() error) error {
	n := p.Attempts
	if n <= 0 {
		n = DefaultAttempts
	}
	for range n {
		if err := attempt(); !errors.Is(err, ErrWrongExpectedVersion) {
			return err
		}
	}
	return ErrConflict
}
