package memory

import (
	"errors"
	"fmt"

	"github.com/authledger/authledger/eventstore"
)

var errLimit = errors.New("memory: read limit must be positive")

// txn stages one Append: later requests see the versions and claims of
// earlier ones; nothing reaches the Store unless every request passes.
type txn struct {
	s        *Store
	versions map[string]uint64
	claims   map[claimID]string // "" = released
	records  []eventstore.Record
}

func (t *txn) version(stream string) uint64 {
	if v, ok := t.versions[stream]; ok {
		return v
	}
	return uint64(len(t.s.streams[stream]))
}

func (t *txn) owner(id claimID) string {
	if o, ok := t.claims[id]; ok {
		return o
	}
	return t.s.claims[id]
}

// apply checks one request against the staged state and stages its writes:
// version check, then releases, then claims, then events.
func (t *txn) apply(r eventstore.AppendRequest) error {
	v := t.version(r.Stream)
	if !r.Expected.Check(v) {
		return fmt.Errorf("%w: stream %q is at version %d, expected %d",
			eventstore.ErrWrongExpectedVersion, r.Stream, v, r.Expected)
	}
	for _, c := range r.Releases {
		id := claimID{c.Kind, c.Key}
		if t.owner(id) == c.Owner {
			t.claims[id] = ""
		}
	}
	for _, c := range r.Claims {
		id := claimID{c.Kind, c.Key}
		if o := t.owner(id); o != "" && o != c.Owner {
			return fmt.Errorf("%w: %s claim owned by another stream", eventstore.ErrClaimTaken, c.Kind)
		}
		t.claims[id] = c.Owner
	}
	for _, e := range r.Events {
		v++
		t.records = append(t.records, eventstore.Record{
			ID: e.ID, Stream: r.Stream, Version: v, Type: e.Type, Schema: e.Schema,
			Data: cloneJSON(e.Data), Meta: cloneJSON(e.Meta), KeyRef: e.KeyRef, OccurredAt: e.OccurredAt,
		})
	}
	t.versions[r.Stream] = v
	return nil
}

func cloneJSON(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}
