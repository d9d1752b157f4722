package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/authledger/authledger/eventstore"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
	"github.com/authledger/authledger/ontology"
	ontsqlite "github.com/authledger/authledger/ontology/sqlite"
	"github.com/authledger/authledger/projections"
)

// app is the composition root's product: adapters, codec and runner.
type app struct {
	store  eventstore.Store
	read   ontology.Store
	keys   *eventstore.Keyring
	codec  *eventstore.Codec
	runner *projections.Runner
	secret []byte
	log    *slog.Logger
}

// openApp opens the stores named by cfg (the embedded SQLite default when
// --database is empty) and wires the codec and the projection runner.
func openApp(ctx context.Context, cfg config, stderr io.Writer) (*app, error) {
	log, err := newLogger(cfg["log-level"], stderr)
	if err != nil {
		return nil, err
	}
	if cfg["database"] != "" {
		return nil, fmt.Errorf("%w: --database %q: only the embedded SQLite store is available in this build (leave it empty)",
			errUsage, redactURL(cfg["database"]))
	}
	dir := cfg["data-dir"]
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	secret, err := loadSecret(cfg["secret"], dir, stderr)
	if err != nil {
		return nil, err
	}
	sync, err := syncMode(cfg["sync"])
	if err != nil {
		return nil, err
	}
	store, err := essqlite.Open(ctx, filepath.Join(dir, "events.db"), essqlite.Options{Synchronous: sync})
	if err != nil {
		return nil, fmt.Errorf("open event store: %w", err)
	}
	read, err := ontsqlite.Open(ctx, filepath.Join(dir, "ontology.db"))
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("open ontology store: %w", err)
	}
	a := &app{store: store, read: read, secret: secret, log: log}
	a.keys = eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK(secret))
	a.codec = eventstore.NewCodec(projections.NewRegistry(), a.keys)
	a.runner, err = projections.NewRunner(store, a.codec, read, projections.All(), projections.Options{
		OnError: func(err error) { log.Error("projector stopped", "err", err) },
	})
	if err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// Close closes both stores.
func (a *app) Close() error {
	return errors.Join(a.read.Close(), a.store.Close())
}

func newLogger(level string, w io.Writer) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("%w: --log-level %q", errUsage, level)
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l})), nil
}

func syncMode(s string) (string, error) {
	switch strings.ToLower(s) {
	case "full", "":
		return "FULL", nil
	case "normal":
		return "NORMAL", nil
	}
	return "", fmt.Errorf("%w: --sync must be full or normal", errUsage)
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
