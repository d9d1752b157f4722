package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

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
}

// openApp opens the stores named by cfg (the embedded SQLite default when
// no database URL is given; PostgreSQL otherwise) and wires the codec and
// the projection runner, with leader election when the read store is shared.
func openApp(ctx context.Context, cfg config, stderr io.Writer) (*app, error) {
	log, err := newLogger(cfg["log-level"], stderr)
	if err != nil {
		return nil, err
	}
	eventsURL, readURL, err := storeURLs(cfg)
	if err != nil {
		return nil, err
	}
	if (eventsURL != "" || readURL != "") && cfg["secret"] == "" {
		return nil, fmt.Errorf("%w: --secret (or AUTHLEDGER_SECRET) is required with PostgreSQL: every node must share it", errUsage)
	}
	dir := cfg["data-dir"]
	if eventsURL == "" || readURL == "" || cfg["secret"] == "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
	}
	secret, err := loadSecret(cfg["secret"], dir, stderr)
	if err != nil {
		return nil, err
	}
	store, cs, err := openEventStore(ctx, cfg, eventsURL, dir)
	if err != nil {
		return nil, fmt.Errorf("open event store: %w", err)
	}
	read, elector, err := openReadStore(ctx, cfg, readURL, dir)
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("open ontology store: %w", err)
	}
	a := &app{store: store, chain: cs, read: read, secret: secret, log: log}
	a.keys = eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK(secret))
	a.codec = eventstore.NewCodec(registry.New(), a.keys)
	a.runner, err = projections.NewRunner(store, a.codec, read, projections.All(), projections.Options{
		Elector: elector,
		OnError: func(err error) { log.Warn("projections", "err", err) },
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
