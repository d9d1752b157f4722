package eventstore

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
)

// KeyRewrapper is a KeyStore that can replace every wrapped data key in
// one transaction: key-encryption-key rotation. fn gets each subject's
// wrapped key and returns it wrapped anew; if fn fails for any key,
// nothing is written. The records in the log are untouched: the data keys
// themselves do not change, only their wrapping.
type KeyRewrapper interface {
	RewrapKeys(ctx context.Context, fn func(subject string, wrapped []byte) ([]byte, error)) (int, error)
}

// Rewrap returns the fn of RewrapKeys that unwraps each data key with
// oldKEK and wraps it with newKEK (both 32 bytes, see DeriveKEK), with a
// fresh nonce. A key oldKEK cannot unwrap fails the whole rotation.
func Rewrap(oldKEK, newKEK []byte) (func(subject string, wrapped []byte) ([]byte, error), error) {
	from, to := NewKeyring(nil, oldKEK), NewKeyring(nil, newKEK)
	if err := errors.Join(from.kekErr, to.kekErr); err != nil {
		return nil, err
	}
	return func(subject string, wrapped []byte) ([]byte, error) {
		key, err := from.unwrap(subject, wrapped)
		if err != nil {
			return nil, err
		}
		nonce := make([]byte, to.kek.NonceSize())
		if _, err := rand.Read(nonce); err != nil {
			return nil, fmt.Errorf("eventstore: rewrap: %w", err)
		}
		return to.kek.Seal(nonce, nonce, key, []byte(subject)), nil
	}, nil
}

// KeySampler is a KeyStore that can hand out one stored key, any: enough
// to tell whether a KEK is the one the keys are wrapped with.
type KeySampler interface {
	// SampleKey returns a stored subject and its wrapped key, or
	// ErrKeyNotFound when the store holds none.
	SampleKey(ctx context.Context) (subject string, wrapped []byte, err error)
}

// ErrWrongKEK reports a key-encryption key that does not open the stored
// data keys.
var ErrWrongKEK = errors.New("eventstore: the key-encryption key does not open the stored data keys (wrong KEK?)")

// CheckKEK reports ErrWrongKEK when ks holds keys and kek does not unwrap
// one of them; nil when it does, when there are none, or when ks cannot
// sample. Checked at start, it keeps a server given the wrong secret from
// wrapping new keys with it next to the old ones.
func CheckKEK(ctx context.Context, ks KeyStore, kek []byte) error {
	s, ok := ks.(KeySampler)
	if !ok {
		return nil
	}
	subject, wrapped, err := s.SampleKey(ctx)
	if errors.Is(err, ErrKeyNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	k := NewKeyring(nil, kek)
	if k.kekErr != nil {
		return k.kekErr
	}
	if _, err := k.unwrap(subject, wrapped); err != nil {
		return ErrWrongKEK
	}
	return nil
}
