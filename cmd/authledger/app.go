package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/reactions"
	"github.com/authledger/authledger/api/webhooks"
	"github.com/authledger/authledger/eventstore/registry"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/projections"
)

// app is the composition root's product: adapters, codec and runner.
type app struct {
	store  eventstore.Store
	chain  chain.Store // the audit hash chain the event store keeps
	read   ontology.Store
	keys   *eventstore.Keyring
	codec  *eventstore.Codec
	runner *projections.Runner
	secret []byte
	log    *slog.Logger
	// flushLog writes the log lines still queued (logwriter.go)
	flushLog func()
}

// openApp opens the stores s names (the embedded SQLite default when no
// database URL is given; PostgreSQL otherwise) and wires the codec and the
// projection runner, with leader election when the read store is shared.
func openApp(ctx context.Context, s storeSettings, stderr io.Writer) (*app, error) {
	secret, err := prepareSecret(s, stderr)
	if err != nil {
		return nil, err
	}
	store, cs, err := openEventStore(ctx, s)
	if err != nil {
		return nil, fmt.Errorf("open event store: %w", err)
	}
	read, elector, err := openReadStore(ctx, s)
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("open ontology store: %w", err)
	}
	kek, err := kekSecret(s, secret) // secret_rotate.go
	if err != nil {
		store.Close()
		read.Close()
		return nil, err
	}
	logw, flushLog := batchLines(stderr) // logwriter.go
	log := newLogger(s.LogLevel, logw)
	a := &app{store: store, chain: cs, read: read, secret: secret, log: log, flushLog: flushLog}
	a.keys = eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK(kek))
	if err := eventstore.CheckKEK(ctx, store.Keys(), eventstore.DeriveKEK(kek)); err != nil {
		a.Close()
		return nil, fmt.Errorf("%w; after authledger secret rotate, set --kek-secret (AUTHLEDGER_KEK_SECRET) to the new secret", err)
	}
	a.codec = eventstore.NewCodec(registry.New(), a.keys)
	a.runner, err = projections.NewRunner(store, a.codec, read, projections.All(), projections.Options{
		Elector: elector,
		OnError: func(err error) { log.Warn("projections", "err", err) },
		KeepCheckpoints: []string{mailer.Name, // the outbox mailer's (api/mailer)
			reactions.OrganizationName, reactions.DeviceName}, // the built-in reactions' (api/reactions)
		KeepCheckpointsOf: func(ctx context.Context) ([]string, error) { // each webhook endpoint's (api/webhooks)
			return webhooks.CheckpointNames(ctx, read, store, a.codec)
		},
	})
	if err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// prepareSecret checks that PostgreSQL comes with a shared secret, creates
// the data directory when a store or the secret lives there, and returns
// the secret (generated on first run when none is configured).
func prepareSecret(s storeSettings, stderr io.Writer) ([]byte, error) {
	if err := s.requireSharedSecret(); err != nil {
		return nil, err
	}
	if s.embedded() || s.Secret == "" {
		if err := os.MkdirAll(s.DataDir, 0o700); err != nil {
			return nil, err
		}
	}
	return loadSecret(s.Secret, s.DataDir, stderr)
}

// Close closes both stores and writes out the log lines still queued.
func (a *app) Close() error {
	err := errors.Join(a.read.Close(), a.store.Close())
	if a.flushLog != nil {
		a.flushLog()
	}
	return err
}

// newLogger logs JSON lines at level and above to w (slog's JSON lines,
// the common ones written by logjson.go's flatJSON).
func newLogger(level slog.Level, w io.Writer) *slog.Logger {
	return slog.New(newFlatJSON(w, level))
}

// redactURL drops credentials from a database URL before it is printed.
func redactURL(u string) string {
	if at := strings.LastIndex(u, "@"); at > 0 {
		if scheme := strings.Index(u, "://"); scheme > 0 && scheme < at {
			return u[:scheme+3] + "…" + u[at:]
		}
	}
	return u
}
