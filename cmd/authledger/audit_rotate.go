package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/authledger/authledger/eventstore/chain"
)

// retiredKeysFile lists, in the data directory, the audit chain's
// retired public keys with the time each was replaced (JSON; no secret).
const retiredKeysFile = "audit-chain.retired"

// retiredKey is one entry of retiredKeysFile.
type retiredKey struct {
	PublicKey string    `json:"publicKey"` // PEM (PKIX)
	RetiredAt time.Time `json:"retiredAt"`
}

// retiredKeys reads the retired checkpoint keys of the data directory;
// none when the file is missing.
func retiredKeys(s storeSettings) ([]chain.RetiredKey, error) {
	entries, err := readRetired(filepath.Join(s.DataDir, retiredKeysFile))
	if err != nil {
		return nil, err
	}
	out := make([]chain.RetiredKey, 0, len(entries))
	for _, e := range entries {
		pub, err := chain.ParsePublicKey([]byte(e.PublicKey))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", retiredKeysFile, err)
		}
		out = append(out, chain.RetiredKey{Public: pub, Until: e.RetiredAt})
	}
	return out, nil
}

// readRetired reads retiredKeysFile at path; nil when it is missing.
func readRetired(path string) ([]retiredKey, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var entries []retiredKey
	if err := json.Unmarshal(b, &entries); err != nil {
		return nil, fmt.Errorf("%s is malformed: %w", path, err)
	}
	return entries, nil
}

// auditRotateKey handles "audit rotate-key": a new checkpoint signing
// key replaces the generated one in the data directory; the old public
// key is kept in retiredKeysFile, valid for the checkpoints signed up to
// now, so every earlier checkpoint stays verifiable. The old private key
// is deleted. Stop the server first (it signs with the key it loaded).
func auditRotateKeyCmd(_ context.Context, in *invocation) error {
	s, err := storeOnly(in)
	if err != nil {
		return err
	}
	stdout, stderr := in.stdout, in.stderr
	if s.AuditKey != nil || s.EventsURL != "" {
		return fmt.Errorf("%w: audit rotate-key replaces the key generated into the data directory; "+
			"with --audit-key (or PostgreSQL) configure the new key yourself and keep the old public key (see README)", errUsage)
	}
	if err := s.requireExisting(); err != nil {
		return err
	}
	keyPath := filepath.Join(s.DataDir, chainKeyFile)
	b, err := os.ReadFile(keyPath)
	if err != nil {
		return fmt.Errorf("no audit chain key to rotate: %w", err)
	}
	old, err := chain.ParsePrivateKey(b)
	if err != nil {
		return fmt.Errorf("%s: %w", keyPath, err)
	}
	_, fresh, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	oldPEM, err := chain.MarshalPublicKey(old.Public().(ed25519.PublicKey))
	if err != nil {
		return err
	}
	retPath := filepath.Join(s.DataDir, retiredKeysFile)
	entries, err := readRetired(retPath)
	if err != nil {
		return err
	}
	entries = append(entries, retiredKey{PublicKey: string(oldPEM), RetiredAt: time.Now().UTC()})
	list, _ := json.MarshalIndent(entries, "", "  ")
	if err := replaceFile(retPath, append(list, '\n'), 0o644); err != nil { // the old key first: never lose it
		return err
	}
	freshPEM, err := chain.MarshalPrivateKey(fresh)
	if err != nil {
		return err
	}
	if err := replaceFile(keyPath, freshPEM, 0o600); err != nil {
		return err
	}
	pub, _ := chain.MarshalPublicKey(fresh.Public().(ed25519.PublicKey))
	fmt.Fprintf(stderr, "rotated the audit chain signing key; %d retired key(s) kept in %s; its new public key follows\n", len(entries), retPath)
	_, err = stdout.Write(pub)
	return err
}

// replaceFile writes b to path with mode through a synced temporary file
// renamed into place.
func replaceFile(path string, b []byte, mode os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".replace-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(b)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(f.Name(), path)
}
