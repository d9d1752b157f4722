package postgres

import (
	"bytes"
	"context"
	"fmt"

	"github.com/authledger/authledger/eventstore"
)

var _ eventstore.KeyedAppender = (*Store)(nil)

// AppendKeyed stores the new data keys and appends reqs in one call of the
// group-commit writer (see Append): the keys' statement runs first, in the
// call's own savepoint, so a sign-up costs one transaction and one WAL
// flush, shared with the calls committed beside it, instead of a separate
// transaction for its key. A subject holding another key fails the call
// alone with ErrKeyExists; see eventstore.KeyedAppender.
func (s *Store) AppendKeyed(ctx context.Context, keys []eventstore.NewKey, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	if err := s.check(ctx); err != nil {
		return eventstore.Position{}, err
	}
	if err := eventstore.ValidateKeyedAppend(keys, reqs); err != nil {
		return eventstore.Position{}, err
	}
	steps, err := planAppend(reqs)
	if err != nil {
		return eventstore.Position{}, err
	}
	if len(keys) > 0 {
		ks, err := keysStep(keys)
		if err != nil {
			return eventstore.Position{}, err
		}
		steps = append([]step{ks}, steps...)
	}
	return s.runSteps(ctx, steps, countEvents(reqs))
}

// keysStep is the statement that stores keys, each subject once (one
// statement may not touch a row twice); two different keys for one subject
// are ErrKeyExists, as the second would be in its own call. The keys are
// copied: the writer reads them after the caller may have reused them.
func keysStep(keys []eventstore.NewKey) (step, error) {
	seen := make(map[string][]byte, len(keys))
	var k keyArrays
	for _, key := range keys {
		if w, ok := seen[key.Subject]; ok {
			if !bytes.Equal(w, key.Wrapped) {
				return step{}, fmt.Errorf("%w: %s given two keys", eventstore.ErrKeyExists, key.Subject)
			}
			continue
		}
		w := bytes.Clone(key.Wrapped)
		seen[key.Subject] = w
		k.subjects, k.wrapped = append(k.subjects, key.Subject), append(k.wrapped, w)
	}
	return step{kind: stepKeys, keys: k}, nil
}
