package eventstore_test

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

// countingKeys counts GetKey calls to observe the Keyring's cache.
type countingKeys struct {
	eventstore.KeyStore
	gets atomic.Int64
}

func (c *countingKeys) GetKey(ctx context.Context, subject string) ([]byte, error) {
	c.gets.Add(1)
	return c.KeyStore.GetKey(ctx, subject)
}

func TestDeriveKEK(t *testing.T) {
	a, b, c := eventstore.DeriveKEK([]byte("one")), eventstore.DeriveKEK([]byte("one")), eventstore.DeriveKEK([]byte("two"))
	if len(a) != 32 || !bytes.Equal(a, b) || bytes.Equal(a, c) {
		t.Errorf("DeriveKEK: len %d, deterministic %v, distinct %v", len(a), bytes.Equal(a, b), !bytes.Equal(a, c))
	}
	if bytes.Contains(a, []byte("one")) {
		t.Error("KEK contains the secret")
	}
}

func TestEnsureIsIdempotentAndWrapped(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	k := eventstore.NewKeyring(s.Keys(), eventstore.DeriveKEK([]byte("s")))
	if err := k.Ensure(ctx, "person-1"); err != nil {
		t.Fatalf("Ensure: %v", err)
	}
	first, err := s.Keys().GetKey(ctx, "person-1")
	if err != nil {
		t.Fatalf("GetKey: %v", err)
	}
	if got, want := len(first), 12+32+16; got != want {
		t.Errorf("wrapped key is %d bytes, want %d (nonce, key, tag)", got, want)
	}
	fresh := eventstore.NewKeyring(s.Keys(), eventstore.DeriveKEK([]byte("s")))
	if err := fresh.Ensure(ctx, "person-1"); err != nil {
		t.Fatalf("second Ensure: %v", err)
	}
	second, _ := s.Keys().GetKey(ctx, "person-1")
	if !bytes.Equal(first, second) {
		t.Error("second Ensure replaced the stored key")
	}
}

func TestConcurrentEnsureAgreesOnOneKey(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	kek := eventstore.DeriveKEK([]byte("s"))
	r := eventstore.NewRegistry()
	eventstore.Register[signedUp](r, 1)
	codecs := make([]*eventstore.Codec, 8)
	var wg sync.WaitGroup
	for i := range codecs {
		k := eventstore.NewKeyring(s.Keys(), kek)
		codecs[i] = eventstore.NewCodec(r, k)
		wg.Go(func() {
			if err := k.Ensure(ctx, "person-race"); err != nil {
				t.Errorf("Ensure: %v", err)
			}
		})
	}
	wg.Wait()
	d, err := codecs[0].Encode(ctx, signedUp{Email: "x@example.com"}, domain.Metadata{}, "person-race")
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	for i, c := range codecs {
		if got, _, err := c.Decode(ctx, record(d)); err != nil || got.(signedUp).Email != "x@example.com" {
			t.Errorf("codec %d: Decode = %+v, %v", i, got, err)
		}
	}
}

func TestKeyringErrors(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	good := eventstore.NewKeyring(s.Keys(), eventstore.DeriveKEK([]byte("right")))
	if err := good.Ensure(ctx, "person-1"); err != nil {
		t.Fatal(err)
	}
	r := eventstore.NewRegistry()
	eventstore.Register[signedUp](r, 1)
	d, err := eventstore.NewCodec(r, good).Encode(ctx, signedUp{Email: "a@example.com"}, domain.Metadata{}, "person-1")
	if err != nil {
		t.Fatal(err)
	}
	wrong := eventstore.NewCodec(r, eventstore.NewKeyring(s.Keys(), eventstore.DeriveKEK([]byte("wrong"))))
	if _, _, err := wrong.Decode(ctx, record(d)); err == nil || errors.Is(err, eventstore.ErrKeyNotFound) {
		t.Errorf("Decode with the wrong KEK = %v, want a hard error", err)
	}
	short := eventstore.NewKeyring(s.Keys(), []byte("short"))
	if err := short.Ensure(ctx, "person-2"); err == nil {
		t.Error("Ensure with a 5-byte KEK succeeded")
	}
	if err := good.Ensure(ctx, ""); err == nil {
		t.Error("Ensure of the empty subject succeeded")
	}
}

func TestKeyringCachesAndForgetEvicts(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	ks := &countingKeys{KeyStore: s.Keys()}
	k := eventstore.NewKeyring(ks, eventstore.DeriveKEK([]byte("s")))
	r := eventstore.NewRegistry()
	eventstore.Register[signedUp](r, 1)
	c := eventstore.NewCodec(r, k)
	d, err := c.Encode(ctx, signedUp{Email: "a@example.com"}, domain.Metadata{}, "person-1")
	if err != nil {
		t.Fatal(err)
	}
	before := ks.gets.Load()
	for range 3 {
		if _, _, err := c.Decode(ctx, record(d)); err != nil {
			t.Fatal(err)
		}
	}
	if got := ks.gets.Load() - before; got != 0 {
		t.Errorf("cached key: %d keystore reads, want 0", got)
	}
	if err := k.Forget(ctx, "person-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Keys().GetKey(ctx, "person-1"); !errors.Is(err, eventstore.ErrKeyNotFound) {
		t.Errorf("GetKey after Forget = %v, want ErrKeyNotFound", err)
	}
	got, _, err := c.Decode(ctx, record(d))
	if err != nil || got.(signedUp).Email != "" {
		t.Errorf("Decode after Forget = %+v, %v; want empty email", got, err)
	}
}

// TestKeyringPurge: a key destroyed through another keyring (another
// process sharing the key store) still opens records from this keyring's
// cache until Purge, and not after it.
func TestKeyringPurge(t *testing.T) {
	ctx := context.Background()
	s := memory.New()
	kek := eventstore.DeriveKEK([]byte("s"))
	here, other := eventstore.NewKeyring(s.Keys(), kek), eventstore.NewKeyring(s.Keys(), kek)
	r := eventstore.NewRegistry()
	eventstore.Register[signedUp](r, 1)
	c := eventstore.NewCodec(r, here)
	d, err := c.Encode(ctx, signedUp{Email: "a@example.com"}, domain.Metadata{}, "person-1")
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Forget(ctx, "person-1"); err != nil {
		t.Fatal(err)
	}
	if got, _, err := c.Decode(ctx, record(d)); err != nil || got.(signedUp).Email != "a@example.com" {
		t.Fatalf("Decode from the cache before Purge = %+v, %v (the test assumes the key is cached)", got, err)
	}
	here.Purge()
	if got, _, err := c.Decode(ctx, record(d)); err != nil || got.(signedUp).Email != "" {
		t.Errorf("Decode after Purge = %+v, %v; want the email gone", got, err)
	}
}
