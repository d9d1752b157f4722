package eventstore

import (
	"context"
	"errors"
)

// SealField seals plaintext with keyRef's data key for field (bound into
// the ciphertext as associated data), in the log's sealed format. It never
// creates a key: a key that does not exist (destroyed by an erasure) is
// ErrKeyNotFound, so nothing is sealed under a fresh key that an erasure
// would not reach. Snapshot codecs use it to keep sealed what the log
// keeps sealed.
func (c *Codec) SealField(ctx context.Context, keyRef, field, plaintext string) (string, error) {
	aead, err := c.keys.aead(ctx, keyRef, false)
	if err != nil {
		return "", err
	}
	return sealString(aead, keyRef, field, plaintext)
}

// OpenField opens a value sealed by SealField for the same keyRef and
// field. ok is false when the key was destroyed (the value is erased); a
// value that does not open with an existing key is ErrBadSeal.
func (c *Codec) OpenField(ctx context.Context, keyRef, field, sealed string) (plain string, ok bool, err error) {
	aead, err := c.keys.aead(ctx, keyRef, false)
	if errors.Is(err, ErrKeyNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	plain, err = openString(aead, keyRef, field, sealed)
	return plain, err == nil, err
}
