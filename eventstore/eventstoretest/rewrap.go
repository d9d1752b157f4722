package eventstoretest

import (
	"context"
	"errors"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// RewrapKeys checks an adapter's eventstore.KeyRewrapper: after a KEK
// rotation every key opens with the new KEK and none with the old; an
// erased subject stays without a key; a rotation that fails on one key
// (here: a wrong old KEK) changes nothing.
func RewrapKeys(t *testing.T, ks eventstore.KeyStore) {
	t.Helper()
	ctx := context.Background()
	rw, ok := ks.(eventstore.KeyRewrapper)
	if !ok {
		t.Fatalf("%T does not implement eventstore.KeyRewrapper", ks)
	}
	oldKEK, newKEK, wrongKEK := eventstore.DeriveKEK([]byte("old secret")), eventstore.DeriveKEK([]byte("new secret")),
		eventstore.DeriveKEK([]byte("wrong secret"))
	if err := eventstore.CheckKEK(ctx, ks, wrongKEK); err != nil {
		t.Fatalf("CheckKEK on an empty keystore: %v", err)
	}
	before := eventstore.NewKeyring(ks, oldKEK)
	subjects := []string{"person-a", "person-b", "person-c"}
	for _, s := range subjects {
		if err := before.Ensure(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if err := before.Forget(ctx, "person-b"); err != nil {
		t.Fatal(err)
	}
	wrapped := map[string][]byte{}
	for _, s := range []string{"person-a", "person-c"} {
		w, err := ks.GetKey(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		wrapped[s] = w
	}

	bad, err := eventstore.Rewrap(wrongKEK, newKEK)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := rw.RewrapKeys(ctx, bad); err == nil {
		t.Fatalf("rewrap with the wrong old KEK succeeded on %d keys", n)
	}
	for s, w := range wrapped {
		if got, err := ks.GetKey(ctx, s); err != nil || string(got) != string(w) {
			t.Fatalf("a failed rotation changed the key of %s (%v)", s, err)
		}
	}

	fn, err := eventstore.Rewrap(oldKEK, newKEK)
	if err != nil {
		t.Fatal(err)
	}
	n, err := rw.RewrapKeys(ctx, fn)
	if err != nil || n != len(wrapped) {
		t.Fatalf("RewrapKeys = %d, %v; want %d keys", n, err, len(wrapped))
	}
	for s, w := range wrapped {
		if got, err := ks.GetKey(ctx, s); err != nil || string(got) == string(w) {
			t.Errorf("key of %s not rewrapped (%v)", s, err)
		}
		if err := eventstore.NewKeyring(ks, newKEK).Ensure(ctx, s); err != nil {
			t.Errorf("new KEK cannot open the key of %s: %v", s, err)
		}
		if err := eventstore.NewKeyring(ks, oldKEK).Ensure(ctx, s); err == nil {
			t.Errorf("old KEK still opens the key of %s", s)
		}
	}
	if err := eventstore.CheckKEK(ctx, ks, newKEK); err != nil {
		t.Errorf("CheckKEK with the new KEK: %v", err)
	}
	if err := eventstore.CheckKEK(ctx, ks, oldKEK); !errors.Is(err, eventstore.ErrWrongKEK) {
		t.Errorf("CheckKEK with the old KEK = %v, want ErrWrongKEK", err)
	}
	if _, err := ks.GetKey(ctx, "person-b"); !errors.Is(err, eventstore.ErrKeyNotFound) {
		t.Errorf("erased subject has a key again: %v", err)
	}
}
