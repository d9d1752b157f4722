package operatorkeys

import (
	"context"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/operatorkey"
	"github.com/authledger/authledger/eventstore"
)

// Key is what may be shown of a key: never its secret or its hash.
type Key struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Scopes     []string   `json:"scopes"`
	CreatedAt  time.Time  `json:"createdAt"`
	ExpiresAt  *time.Time `json:"expiresAt"`
	RevokedAt  *time.Time `json:"revokedAt"`
	LastUsedAt *time.Time `json:"lastUsedAt"`
}

// Has reports whether the key carries scope.
func (k Key) Has(scope string) bool { return slices.Contains(k.Scopes, scope) }

// Actor is how the audit trail names the key: key:<id>, never the secret.
func (k Key) Actor() string { return ActorPrefix + k.ID }

// ActorPrefix starts the actor of every action taken with an operator key.
const ActorPrefix = "key:"

// entry is a key and what the index keeps to authenticate and to throttle.
type entry struct {
	key       Key
	hash      [32]byte
	persisted time.Time // last use known to be in the log (or being written)
}

// Decoder turns a stored record into its domain event.
type Decoder interface {
	Decode(ctx context.Context, rec eventstore.Record) (domain.Event, domain.Metadata, error)
}

// Index is the in-memory read model of the keys, fed only by the log.
// All methods are safe for concurrent use.
type Index struct {
	mu       sync.RWMutex
	keys     map[string]*entry
	refusals map[refusal]time.Time // last refusal persisted per key, route and scope
	pos      eventstore.Position
	moved    chan struct{} // closed and replaced whenever pos advances
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{keys: map[string]*entry{}, refusals: map[refusal]time.Time{}, moved: make(chan struct{})}
}

// PollInterval is how often Follow looks for new records without being
// woken: another process appending to the same store (the command line
// on the embedded SQLite file) wakes no one in this one, and a key it
// revokes must still stop working here within this bound.
const PollInterval = time.Second

// Follow applies the log from the index's position and then every new
// record until ctx ends: woken by the store's Changed, and at least every
// PollInterval. Only operatorkey.* records are decoded. After a page
// shorter than readPage (the end of the log when it was read) it waits
// instead of reading an empty page.
func (x *Index) Follow(ctx context.Context, s eventstore.Store, dec Decoder) error {
	for {
		changed := s.Changed() // taken before reading, so no wake-up is lost
		recs, err := s.ReadAll(ctx, x.Position(), readPage)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("operatorkeys: follow after %s: %w", x.Position(), err)
		}
		if len(recs) > 0 {
			if err := x.ApplyRecords(ctx, dec, recs); err != nil {
				return err
			}
			if len(recs) == readPage {
				continue
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-changed:
		case <-time.After(PollInterval):
		}
	}
}

// CatchUp applies the log up to its head once (for a one-shot process).
func (x *Index) CatchUp(ctx context.Context, s eventstore.Store, dec Decoder) error {
	for {
		recs, err := s.ReadAll(ctx, x.Position(), readPage)
		if err != nil || len(recs) == 0 {
			return err
		}
		if err := x.ApplyRecords(ctx, dec, recs); err != nil || len(recs) < readPage {
			return err
		}
	}
}

// readPage is the page size of the index's reads.
const readPage = 1000

// ApplyRecords decodes and applies a batch in order, then advances the
// position past the batch.
func (x *Index) ApplyRecords(ctx context.Context, dec Decoder, recs []eventstore.Record) error {
	if len(recs) == 0 {
		return nil
	}
	evs := make([]domain.Event, 0, len(recs))
	for _, r := range recs {
		if !strings.HasPrefix(r.Type, "operatorkey.") {
			continue
		}
		ev, _, err := dec.Decode(ctx, r)
		if err != nil {
			return fmt.Errorf("operatorkeys: decode %s at %s: %w", r.Type, r.Position, err)
		}
		evs = append(evs, ev)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, ev := range evs {
		x.apply(ev)
	}
	x.pos = recs[len(recs)-1].Position
	close(x.moved)
	x.moved = make(chan struct{})
	return nil
}

// apply folds one event; the caller holds the write lock.
func (x *Index) apply(ev domain.Event) {
	switch e := ev.(type) {
	case operatorkey.Created:
		var h [32]byte
		if b, err := hex.DecodeString(e.SecretHash); err == nil && len(b) == len(h) {
			copy(h[:], b)
		}
		x.keys[e.KeyID] = &entry{hash: h, key: Key{ID: e.KeyID, Name: e.Name, Scopes: slices.Clone(e.Scopes),
			CreatedAt: e.At, ExpiresAt: e.ExpiresAt}}
	case operatorkey.Revoked:
		if k, ok := x.keys[e.KeyID]; ok && k.key.RevokedAt == nil {
			at := e.At
			k.key.RevokedAt = &at
		}
	case operatorkey.Used:
		if k, ok := x.keys[e.KeyID]; ok {
			k.seen(e.At)
			if e.At.After(k.persisted) {
				k.persisted = e.At
			}
		}
	}
}

// seen moves the key's last use forward to at.
func (e *entry) seen(at time.Time) {
	if e.key.LastUsedAt == nil || at.After(*e.key.LastUsedAt) {
		at := at
		e.key.LastUsedAt = &at
	}
}

// lookup returns a copy of the key with id and its secret's hash.
func (x *Index) lookup(id string) (Key, [32]byte, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	e, ok := x.keys[id]
	if !ok {
		return Key{}, [32]byte{}, false
	}
	return e.key, e.hash, true
}

// Get returns a copy of the key with id.
func (x *Index) Get(id string) (Key, bool) {
	k, _, ok := x.lookup(id)
	return k, ok
}

// List returns copies of every key, revoked ones included, oldest first.
func (x *Index) List() []Key {
	x.mu.RLock()
	out := make([]Key, 0, len(x.keys))
	for _, e := range x.keys {
		out = append(out, e.key)
	}
	x.mu.RUnlock()
	slices.SortFunc(out, func(a, b Key) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// Len is the number of keys ever created (revoked ones included).
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.keys)
}

// touch records a use of key id at at in memory and reports whether it is
// due to be persisted: no use of it is known to be in the log within the
// last UsageGranularity. A due use is marked as persisted at once, so
// concurrent requests persist it once.
func (x *Index) touch(id string, at time.Time) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	e, ok := x.keys[id]
	if !ok {
		return false
	}
	e.seen(at)
	if at.Sub(e.persisted) < operatorkey.UsageGranularity {
		return false
	}
	e.persisted = at
	return true
}

// refusal names what a refusal is throttled by.
type refusal struct{ key, route, scope string }

// refusalDue reports whether a refusal of key id on route for scope at at
// is due to be persisted (none within UsageGranularity), and marks it so.
func (x *Index) refusalDue(id, route, scope string, at time.Time) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	r := refusal{id, route, scope}
	if last, ok := x.refusals[r]; ok && at.Sub(last) < operatorkey.UsageGranularity {
		return false
	}
	x.refusals[r] = at
	return true
}

// Position returns the position of the last record applied.
func (x *Index) Position() eventstore.Position {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.pos
}

// WaitFor blocks until the index has applied pos or ctx ends.
func (x *Index) WaitFor(ctx context.Context, pos eventstore.Position) error {
	for {
		x.mu.RLock()
		reached, moved := !x.pos.Less(pos), x.moved
		x.mu.RUnlock()
		if reached {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-moved:
		}
	}
}
