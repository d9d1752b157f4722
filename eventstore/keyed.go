package eventstore

import (
	"context"
	"errors"
	"fmt"
)

// NewKey is a data key made for a new subject by Keyring.Fresh, wrapped
// under the KEK, that a KeyedAppender stores in the same transaction as
// the first records sealed with it.
type NewKey struct {
	Subject string
	Wrapped []byte
}

// KeyedAppender is a Store that can store new data keys atomically with an
// append: a sign-up then costs one transaction instead of two (the key's,
// then the records'), and no key is left behind by an append that failed.
type KeyedAppender interface {
	// AppendKeyed stores each key unless its subject already holds that
	// very key, and appends reqs, all in one transaction; see
	// Store.Append. A subject that holds a different key fails the whole
	// call with ErrKeyExists and nothing is written, so no record is ever
	// sealed with a key the store does not keep.
	AppendKeyed(ctx context.Context, keys []NewKey, reqs ...AppendRequest) (Position, error)
}

// ErrKeyExists: AppendKeyed was given a new key for a subject that already
// holds another one.
var ErrKeyExists = errors.New("eventstore: the subject already has a different data key")

// ErrKeyedUnsupported: Pipeline.CommitKeyed on a store that is no
// KeyedAppender (use Keyring.Ensure and Commit there).
var ErrKeyedUnsupported = errors.New("eventstore: the store cannot store keys with an append")

// ValidateKeyedAppend checks an AppendKeyed call: its requests as
// ValidateAppend does and its keys as ValidateKeys does. Adapters call it
// first.
func ValidateKeyedAppend(keys []NewKey, reqs []AppendRequest) error {
	if err := ValidateAppend(reqs); err != nil {
		return err
	}
	return ValidateKeys(keys)
}

// ValidateKeys checks the keys of an AppendKeyed call: each needs a
// subject and a wrapped key.
func ValidateKeys(keys []NewKey) error {
	for i, k := range keys {
		if k.Subject == "" || len(k.Wrapped) == 0 {
			return fmt.Errorf("%w: key %d: empty subject or key", ErrInvalidAppend, i)
		}
	}
	return nil
}

// Fresh makes a data key for subject, which must be a newly drawn
// identifier with no key yet, without storing it: it is cached for sealing
// and returned wrapped, for a KeyedAppender to store with the first
// records sealed with it. When that append fails, call Discard.
func (k *Keyring) Fresh(subject string) (NewKey, error) {
	if k.kekErr != nil {
		return NewKey{}, k.kekErr
	}
	if subject == "" {
		return NewKey{}, errors.New("eventstore: empty key subject")
	}
	key, wrapped, err := k.wrapNew(subject)
	if err != nil {
		return NewKey{}, err
	}
	a, err := newGCM(key)
	if err != nil {
		return NewKey{}, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.byKey[subject]; ok {
		return NewKey{}, fmt.Errorf("%w: %s has a key in use", ErrKeyExists, subject)
	}
	k.add(subject, a)
	return NewKey{Subject: subject, Wrapped: wrapped}, nil
}

// Discard drops subject's key from this process's cache (nothing is
// destroyed): after a failed AppendKeyed the key made by Fresh was never
// stored and must not seal anything.
func (k *Keyring) Discard(subject string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.epoch++ // a load begun before must not re-cache what it read
	k.evict(subject)
}
