package eventstore

import (
	"container/list"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"sync"

	"golang.org/x/crypto/hkdf"
)

// KeyCacheSize bounds the Keyring's in-memory cache of unwrapped data keys
// (least recently used entries are evicted); about 1 KiB per entry.
const KeyCacheSize = 10_000

// kekInfo is the fixed HKDF info string that derives the KEK; changing it
// makes every stored data key unreadable.
const kekInfo = "authledger/eventstore/kek/v1"

// DeriveKEK derives the 32-byte key-encryption key from a configuration
// secret with HKDF-SHA256 (no salt, fixed info string).
func DeriveKEK(secret []byte) []byte {
	kek := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte(kekInfo)), kek); err != nil {
		panic("eventstore: hkdf: " + err.Error()) // cannot happen for 32 bytes
	}
	return kek
}

// Keyring hands out per-subject AES-256-GCM data keys. Keys are 32 random
// bytes stored wrapped (AES-256-GCM under the KEK, associated data = subject)
// in a KeyStore. Unwrapped keys are cached in memory, bounded by
// KeyCacheSize; Forget evicts from this process's cache only, so other
// processes sharing the KeyStore keep a forgotten key until it is evicted
// or they restart.
type Keyring struct {
	ks     KeyStore
	kek    cipher.AEAD
	kekErr error

	mu    sync.Mutex
	epoch uint64 // bumped by Forget; stale loads are not cached
	lru   *list.List
	byKey map[string]*list.Element
}

type cachedKey struct {
	subject string
	aead    cipher.AEAD
}

// NewKeyring returns a Keyring over ks wrapping keys with kek, which must be
// 32 bytes (see DeriveKEK); otherwise every operation returns an error.
func NewKeyring(ks KeyStore, kek []byte) *Keyring {
	k := &Keyring{ks: ks, lru: list.New(), byKey: map[string]*list.Element{}}
	if len(kek) != 32 {
		k.kekErr = fmt.Errorf("eventstore: KEK must be 32 bytes, got %d", len(kek))
		return k
	}
	k.kek, k.kekErr = newGCM(kek)
	return k
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("eventstore: aes: %w", err)
	}
	return cipher.NewGCM(block)
}

// Ensure creates subject's data key unless it exists. Concurrent callers
// (also in other processes) agree on one key: the KeyStore keeps the first.
func (k *Keyring) Ensure(ctx context.Context, subject string) error {
	_, err := k.aead(ctx, subject, true)
	return err
}

// Forget destroys subject's data key (crypto-shredding) and evicts it from
// the cache. Records sealed with it can no longer be read.
func (k *Keyring) Forget(ctx context.Context, subject string) error {
	if subject == "" {
		return errors.New("eventstore: forget: empty subject")
	}
	k.mu.Lock()
	k.epoch++
	k.evict(subject)
	k.mu.Unlock()
	if err := k.ks.DestroyKey(ctx, subject); err != nil {
		return fmt.Errorf("eventstore: forget %s: %w", subject, err)
	}
	k.mu.Lock()
	k.epoch++ // a load racing with DestroyKey must not re-cache the key
	k.evict(subject)
	k.mu.Unlock()
	return nil
}

// Purge empties this process's cache of unwrapped keys (nothing is
// destroyed): keys are loaded from the KeyStore again when used. A server
// calls it when it sees an erasure made by another process, so a key that
// process destroyed stops working here at once instead of living on in
// the cache.
func (k *Keyring) Purge() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.epoch++ // a load begun before the purge must not re-cache its key
	k.lru.Init()
	clear(k.byKey)
}

// aead returns subject's data key as an AEAD. With create it makes the key
// when missing; otherwise a missing key returns ErrKeyNotFound.
func (k *Keyring) aead(ctx context.Context, subject string, create bool) (cipher.AEAD, error) {
	if k.kekErr != nil {
		return nil, k.kekErr
	}
	if subject == "" {
		return nil, errors.New("eventstore: empty key subject")
	}
	k.mu.Lock()
	if el, ok := k.byKey[subject]; ok {
		k.lru.MoveToFront(el)
		a := el.Value.(*cachedKey).aead
		k.mu.Unlock()
		return a, nil
	}
	epoch := k.epoch
	k.mu.Unlock()

	a, err := k.load(ctx, subject, create)
	if err != nil {
		return nil, err
	}
	k.mu.Lock()
	if k.epoch == epoch {
		k.add(subject, a)
	}
	k.mu.Unlock()
	return a, nil
}

// load reads (and with create, makes) subject's wrapped key and unwraps it.
func (k *Keyring) load(ctx context.Context, subject string, create bool) (cipher.AEAD, error) {
	wrapped, err := k.ks.GetKey(ctx, subject)
	if errors.Is(err, ErrKeyNotFound) && create {
		wrapped, err = k.create(ctx, subject)
	}
	if err != nil {
		return nil, fmt.Errorf("eventstore: data key of %s: %w", subject, err)
	}
	key, err := k.unwrap(subject, wrapped)
	if err != nil {
		return nil, err
	}
	return newGCM(key)
}

func (k *Keyring) create(ctx context.Context, subject string) ([]byte, error) {
	_, wrapped, err := k.wrapNew(subject)
	if err != nil {
		return nil, err
	}
	return k.ks.PutKey(ctx, subject, wrapped)
}

// wrapNew draws a data key for subject and wraps it under the KEK
// (associated data = subject).
func (k *Keyring) wrapNew(subject string) (key, wrapped []byte, err error) {
	key = make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, nil, err
	}
	nonce := make([]byte, k.kek.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, nil, err
	}
	return key, k.kek.Seal(nonce, nonce, key, []byte(subject)), nil
}

func (k *Keyring) unwrap(subject string, wrapped []byte) ([]byte, error) {
	n := k.kek.NonceSize()
	if len(wrapped) < n+k.kek.Overhead() {
		return nil, fmt.Errorf("eventstore: wrapped key of %s is malformed", subject)
	}
	key, err := k.kek.Open(nil, wrapped[:n], wrapped[n:], []byte(subject))
	if err != nil {
		return nil, fmt.Errorf("eventstore: unwrap key of %s (wrong KEK?): %w", subject, err)
	}
	return key, nil
}

// add caches a key, evicting the least recently used one past the bound.
// Callers hold k.mu.
func (k *Keyring) add(subject string, a cipher.AEAD) {
	if el, ok := k.byKey[subject]; ok {
		k.lru.MoveToFront(el)
		return
	}
	k.byKey[subject] = k.lru.PushFront(&cachedKey{subject: subject, aead: a})
	if k.lru.Len() > KeyCacheSize {
		k.evict(k.lru.Back().Value.(*cachedKey).subject)
	}
}

// evict drops subject from the cache. Callers hold k.mu.
func (k *Keyring) evict(subject string) {
	if el, ok := k.byKey[subject]; ok {
		k.lru.Remove(el)
		delete(k.byKey, subject)
	}
}
