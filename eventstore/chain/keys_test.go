package chain_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/eventstore/chain"
)

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "chain.key")
	key, created, err := chain.LoadOrCreateKey(path)
	if err != nil || !created || len(key) != ed25519.PrivateKeySize {
		t.Fatalf("LoadOrCreateKey(new) = %d bytes, created %v, %v; want a new key", len(key), created, err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v, %v; want 0600", info.Mode(), err)
	}
	again, created, err := chain.LoadOrCreateKey(path)
	if err != nil || created || !again.Equal(key) {
		t.Fatalf("LoadOrCreateKey(existing) = created %v, %v, same %v; want the stored key", created, err, again.Equal(key))
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := chain.LoadOrCreateKey(path); !errors.Is(err, chain.ErrMalformed) {
		t.Errorf("LoadOrCreateKey(garbage) = %v, want ErrMalformed", err)
	}
}

func TestKeyPEMRoundTrip(t *testing.T) {
	pub, key := genKey(t)
	privPEM, err := chain.MarshalPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM, err := chain.MarshalPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := chain.ParsePrivateKey(privPEM); err != nil || !got.Equal(key) {
		t.Errorf("ParsePrivateKey(MarshalPrivateKey(k)) = %v; want k", err)
	}
	if got, err := chain.ParsePublicKey(pubPEM); err != nil || !got.Equal(pub) {
		t.Errorf("ParsePublicKey(MarshalPublicKey(p)) = %v; want p", err)
	}
	for _, bad := range [][]byte{nil, pubPEM, append(bytes.Clone(privPEM), privPEM...), []byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")} {
		if _, err := chain.ParsePrivateKey(bad); !errors.Is(err, chain.ErrMalformed) {
			t.Errorf("ParsePrivateKey(%.30q) = %v, want ErrMalformed", bad, err)
		}
	}
	if _, err := chain.ParsePublicKey(privPEM); !errors.Is(err, chain.ErrMalformed) {
		t.Errorf("ParsePublicKey(private key) = %v, want ErrMalformed", err)
	}
}

func TestDeriveKey(t *testing.T) {
	secret := bytes.Repeat([]byte("s"), 32)
	a, err := chain.DeriveKey(secret)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := chain.DeriveKey(secret)
	c, _ := chain.DeriveKey(bytes.Repeat([]byte("t"), 32))
	if !a.Equal(b) || a.Equal(c) {
		t.Error("DeriveKey is not a function of the secret")
	}
	if _, err := chain.DeriveKey(secret[:31]); !errors.Is(err, chain.ErrNoKey) {
		t.Errorf("DeriveKey(short) = %v, want ErrNoKey", err)
	}
}

// FuzzParseKey: the key parsers never panic, and what they accept
// re-encodes to an equal key.
func FuzzParseKey(f *testing.F) {
	_, key, _ := ed25519.GenerateKey(nil)
	privPEM, _ := chain.MarshalPrivateKey(key)
	pubPEM, _ := chain.MarshalPublicKey(key.Public().(ed25519.PublicKey))
	f.Add(privPEM)
	f.Add(pubPEM)
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if k, err := chain.ParsePrivateKey(b); err == nil {
			again, err := chain.MarshalPrivateKey(k)
			if err != nil {
				t.Fatal(err)
			}
			if k2, err := chain.ParsePrivateKey(again); err != nil || !k2.Equal(k) {
				t.Fatalf("private key does not round-trip: %v", err)
			}
		} else if !errors.Is(err, chain.ErrMalformed) {
			t.Fatalf("ParsePrivateKey error %v is not ErrMalformed", err)
		}
		if p, err := chain.ParsePublicKey(b); err == nil && len(p) != ed25519.PublicKeySize {
			t.Fatalf("ParsePublicKey accepted a %d-byte key", len(p))
		} else if err != nil && !errors.Is(err, chain.ErrMalformed) {
			t.Fatalf("ParsePublicKey error %v is not ErrMalformed", err)
		}
	})
}
