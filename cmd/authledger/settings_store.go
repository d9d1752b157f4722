package main

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"strings"
	"time"

	"github.com/authledger/authledger/eventstore/chain"
)

// storeSettings is the typed configuration of every command that opens
// the stores: where they live, how to reach PostgreSQL, the secret and the
// audit chain's key. parseStoreSettings builds it, validated.
type storeSettings struct {
	// DataDir holds the embedded SQLite files, the generated secret and
	// the generated audit chain key.
	DataDir string
	// EventsURL and ReadURL are the PostgreSQL URLs of the event store and
	// of the ontology read store; "" means the embedded SQLite in DataDir.
	EventsURL, ReadURL string
	// MaxConns is the PostgreSQL pool size of each store.
	MaxConns int32
	// StatementTimeout bounds each PostgreSQL statement; idle-in-transaction
	// sessions get twice it.
	StatementTimeout time.Duration
	// Sync is the SQLite log's PRAGMA synchronous: "FULL" or "NORMAL".
	Sync string
	// Secret is --secret as given (≥ 32 characters); "" means the one
	// generated into DataDir (loadSecret).
	Secret string
	// KEKSecret is --kek-secret as given: what the key-encryption key is
	// derived from after a rotation; "" means kekSecret's default.
	KEKSecret string
	// LogLevel is the least level logged.
	LogLevel slog.Level
	// AuditKey signs the audit chain's checkpoints (--audit-key); nil means
	// generated into DataDir (SQLite) or derived from Secret (PostgreSQL).
	AuditKey ed25519.PrivateKey
	// TSA anchors the checkpoints with RFC 3161 time-stamps (settings_tsa.go).
	TSA tsaSettings
}

// minSecretLen is the shortest --secret accepted (cookies, claim HMAC and
// the key-encryption key are derived from it).
const minSecretLen = 32

// parseStoreSettings reads and checks the store settings of cfg. Every
// bad setting is reported, each as a usage error naming its flag; no
// secret value is ever part of the message.
func parseStoreSettings(cfg config) (storeSettings, error) {
	p := &settingsParser{cfg: cfg}
	s := p.storeSettings()
	if err := p.err(); err != nil {
		return storeSettings{}, err
	}
	return s, nil
}

// storeSettings parses the settings storeSettings holds.
func (p *settingsParser) storeSettings() storeSettings {
	s := storeSettings{DataDir: p.str("data-dir"), Secret: p.str("secret")}
	if s.DataDir == "" {
		p.fail("data-dir", "must not be empty")
	}
	s.EventsURL, s.ReadURL = p.storeURLs()
	s.MaxConns = int32(p.int("db-max-conns", 1, math.MaxInt32))
	s.StatementTimeout = p.duration("db-statement-timeout")
	s.Sync = []string{"FULL", "NORMAL"}[p.choice("sync", "full", "normal")]
	if s.Secret != "" && len(s.Secret) < minSecretLen {
		p.fail("secret", "must be at least %d characters", minSecretLen)
	}
	if s.KEKSecret = p.str("kek-secret"); s.KEKSecret != "" && len(s.KEKSecret) < minSecretLen {
		p.fail("kek-secret", "must be at least %d characters", minSecretLen)
	}
	if err := s.LogLevel.UnmarshalText([]byte(p.str("log-level"))); err != nil {
		p.fail("log-level", "must be debug, info, warn or error (got %q)", p.str("log-level"))
	}
	s.AuditKey = p.auditKey()
	s.TSA = p.tsa() // settings_tsa.go
	return s
}

// storeURLs resolves where the event store and the read store live:
// --eventstore / --ontology win over --database; empty means the embedded
// SQLite files in --data-dir. A bad URL is reported and counts as unset.
func (p *settingsParser) storeURLs() (events, read string) {
	url := func(flag string) string {
		u := p.str(flag)
		if u != "" && !isPostgres(u) {
			p.fail(flag, "%q: want postgres:// (or empty for embedded SQLite)", redactURL(u))
			return ""
		}
		return u
	}
	all, events, read := url("database"), url("eventstore"), url("ontology")
	if events == "" {
		events = all
	}
	if read == "" {
		read = all
	}
	return events, read
}

func isPostgres(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// auditKey reads --audit-key: PEM text, or the path of a PEM file; nil
// when unset. Neither the key nor the file's content is ever echoed.
func (p *settingsParser) auditKey() ed25519.PrivateKey {
	v, pem := p.str("audit-key"), []byte(p.str("audit-key"))
	if v == "" {
		return nil
	}
	if !strings.HasPrefix(v, "-----BEGIN") {
		b, err := os.ReadFile(v)
		if err != nil {
			p.fail("audit-key", "names no readable PEM file (%s)", pathErrReason(err))
			return nil
		}
		pem = b
	}
	key, err := chain.ParsePrivateKey(pem)
	if err != nil {
		p.fail("audit-key", "is not an Ed25519 private key in PEM (PKCS #8)")
		return nil
	}
	return key
}

// pathErrReason is why a file could not be read, without its path: the
// value of --audit-key may be a mistyped key rather than a path.
func pathErrReason(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return "unreadable"
}

// embedded reports whether a store lives in DataDir (SQLite).
func (s storeSettings) embedded() bool { return s.EventsURL == "" || s.ReadURL == "" }

// requireSharedSecret refuses PostgreSQL without --secret: every node must
// share it, so none may generate its own.
func (s storeSettings) requireSharedSecret() error {
	if (s.EventsURL != "" || s.ReadURL != "") && s.Secret == "" {
		return fmt.Errorf("%w: --secret (or AUTHLEDGER_SECRET) is required with PostgreSQL: every node must share it", errUsage)
	}
	return nil
}
