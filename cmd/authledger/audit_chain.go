package main

import (
	"context"
	"crypto/ed25519"
	"io"
	"path/filepath"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

// chainKeyFile is the generated checkpoint signing key in the data directory.
const chainKeyFile = "audit-chain.key"

// auditKey returns the Ed25519 key that signs the chain's checkpoints:
// --audit-key when set (parsed with the settings); otherwise with the
// embedded store a key generated once into the data directory, with
// PostgreSQL one derived from --secret (every node shares it).
func auditKey(s storeSettings, stderr io.Writer) (ed25519.PrivateKey, error) {
	switch {
	case s.AuditKey != nil:
		return s.AuditKey, nil
	case s.EventsURL != "":
		return chain.DeriveKey([]byte(s.Secret))
	}
	path := filepath.Join(s.DataDir, chainKeyFile)
	key, created, err := chain.LoadOrCreateKey(path)
	if created {
		notices(stderr).Warn("generated the audit chain signing key: back it up and keep it secret", "path", path)
	}
	return key, err
}

// chained is the event store together with its audit hash chain and the
// key that verifies its checkpoints; it is the compliance.ChainVerifier.
type chained struct {
	store eventstore.Store
	cs    chain.Store
	pub   ed25519.PublicKey
	// retired are the earlier signing keys, each valid up to its rotation.
	retired []chain.RetiredKey
}

// withChain returns the opened store's chain with the checkpoint key, or
// ok false when the adapter keeps no chain.
func withChain(a *app, key ed25519.PrivateKey) (chained, bool) {
	if a.chain == nil {
		return chained{}, false
	}
	return chained{store: a.store, cs: a.chain, pub: key.Public().(ed25519.PublicKey)}, true
}

// VerifyChain implements compliance.ChainVerifier.
func (c chained) VerifyChain(ctx context.Context, after, to eventstore.Position, extra ...chain.Checkpoint) (chain.Report, error) {
	return chain.VerifyRetired(ctx, c.store, c.cs, c.pub, c.retired, after, to, extra...)
}

// runChainer extends the chain and signs checkpoints until ctx ends,
// restarting after an unexpected error (logged).
func runChainer(ctx context.Context, a *app, c chained, key ed25519.PrivateKey) error {
	for {
		ch, err := chain.NewChainer(a.store, c.cs, key, chain.Options{})
		if err == nil {
			err = ch.Run(ctx)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		a.log.Error("audit chain follower stopped; restarting", "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}
