package chain

import (
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// deriveInfo separates the checkpoint key from other keys derived from the
// same secret.
const deriveInfo = "authledger chain checkpoint key v1"

// DeriveKey derives the checkpoint signing key from the server secret
// (HKDF-SHA256): every node sharing the secret signs with the same key, and
// nothing more needs configuring. Anyone holding the secret can then sign;
// give auditors only the public key (MarshalPublicKey).
func DeriveKey(secret []byte) (ed25519.PrivateKey, error) {
	if len(secret) < 32 {
		return nil, fmt.Errorf("%w: secret must be at least 32 bytes", ErrNoKey)
	}
	seed, err := hkdf.Key(sha256.New, secret, nil, deriveInfo, ed25519.SeedSize)
	if err != nil {
		return nil, fmt.Errorf("chain: derive key: %w", err)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// MarshalPrivateKey encodes key as a PEM "PRIVATE KEY" (PKCS #8) block.
func MarshalPrivateKey(key ed25519.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("chain: marshal private key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// ParsePrivateKey parses a PEM "PRIVATE KEY" (PKCS #8) Ed25519 key, as
// written by MarshalPrivateKey or `openssl genpkey -algorithm ed25519`.
func ParsePrivateKey(b []byte) (ed25519.PrivateKey, error) {
	block, rest := pem.Decode(b)
	if block == nil || block.Type != "PRIVATE KEY" || len(pemTrim(rest)) > 0 {
		return nil, fmt.Errorf("%w: want one PEM PRIVATE KEY block", ErrMalformed)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%w: private key: %w", ErrMalformed, err)
	}
	key, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%w: private key is %T, want Ed25519", ErrMalformed, k)
	}
	return key, nil
}

// MarshalPublicKey encodes pub as a PEM "PUBLIC KEY" (PKIX) block.
func MarshalPublicKey(pub ed25519.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("chain: marshal public key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}

// ParsePublicKey parses a PEM "PUBLIC KEY" (PKIX) Ed25519 key.
func ParsePublicKey(b []byte) (ed25519.PublicKey, error) {
	block, rest := pem.Decode(b)
	if block == nil || block.Type != "PUBLIC KEY" || len(pemTrim(rest)) > 0 {
		return nil, fmt.Errorf("%w: want one PEM PUBLIC KEY block", ErrMalformed)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%w: public key: %w", ErrMalformed, err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("%w: public key is %T, want Ed25519", ErrMalformed, k)
	}
	return pub, nil
}

// pemTrim drops trailing whitespace after a PEM block.
func pemTrim(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r' || b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// LoadOrCreateKey reads the PEM private key at path, or generates one and
// writes it there (mode 0600, never overwriting a file another process
// created meanwhile); created reports a new key.
func LoadOrCreateKey(path string) (key ed25519.PrivateKey, created bool, err error) {
	b, err := os.ReadFile(path)
	if err == nil {
		key, err := ParsePrivateKey(b)
		if err != nil {
			return nil, false, fmt.Errorf("chain: key file %s: %w", path, err)
		}
		return key, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("chain: read key: %w", err)
	}
	_, key, err = ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, false, fmt.Errorf("chain: generate key: %w", err)
	}
	if err := writeNew(path, key); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return LoadOrCreateKey(path) // another process won the race
		}
		return nil, false, err
	}
	return key, true, nil
}

// writeNew writes key to a temporary file and links it into place, so
// path appears complete or not at all and an existing file is never
// replaced (fs.ErrExist).
func writeNew(path string, key ed25519.PrivateKey) error {
	b, err := MarshalPrivateKey(key)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".chain-key-*")
	if err != nil {
		return fmt.Errorf("chain: create key file: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(f.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("chain: write key file: %w", err)
	}
	return nil
}
