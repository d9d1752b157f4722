package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"runtime"
	"time"

	"github.com/authledger/authledger/api/token"

	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// Waiter is what the application needs of the projection runner: waiting
// until the read models reach a position. Defined here, where it is used.
type Waiter interface {
	WaitFor(ctx context.Context, pos eventstore.Position) error
}

// Deps are the ports and impure inputs of every use case. Store, Codec,
// Keys, Read and Secret are required; the rest have defaults.
type Deps struct {
	Store eventstore.Store
	Codec *eventstore.Codec
	Keys  *eventstore.Keyring
	Read  ontology.Reader
	// Projections is the projection runner. Reads through the projections
	// wait for it (App.Projected); a one-shot process's commands wait for
	// it too (see committed). nil: nothing waits for projections.
	Projections Waiter
	// Index is the session index a server follows the log into; nil for a
	// one-shot process (the CLI) that serves no sessions: appends then
	// wait for Projections instead.
	Index  *sessionindex.Index
	Hasher *password.Hasher // nil: production Argon2id parameters
	// Secret keys the claim HMAC (≥ 32 bytes); the same on every node.
	Secret []byte
	// WaitTimeout bounds each read-your-writes wait: for the index after an
	// append, for the projections before a read through them (5 s).
	WaitTimeout time.Duration
	Logger      *slog.Logger     // nil: discard
	Clock       func() time.Time // nil: time.Now
	Rand        io.Reader        // nil: crypto/rand
}

// App is the built kernel. Its fields are read-only after New.
type App struct {
	Deps
	// Pipeline appends every event of the product.
	Pipeline *eventstore.Pipeline
	claimKey []byte
}

// New validates deps, fills the defaults and builds the pipeline.
func New(deps Deps) (*App, error) {
	if deps.Store == nil || deps.Codec == nil || deps.Keys == nil || deps.Read == nil {
		return nil, domain.Errorf(domain.CodeValidation, "app: store, codec, keys and read store are required")
	}
	if len(deps.Secret) < 32 {
		return nil, domain.Errorf(domain.CodeValidation, "app: secret must be at least 32 bytes")
	}
	deps.defaults()
	a := &App{Deps: deps, claimKey: Derive(deps.Secret, "authledger claims v1")}
	a.Pipeline = &eventstore.Pipeline{Store: tracedStore{deps.Store}, Codec: deps.Codec, Committed: a.committed} // tracing.go
	return a, nil
}

func (d *Deps) defaults() {
	if d.Hasher == nil {
		d.Hasher = password.NewHasher(password.DefaultParams(), 2*runtime.NumCPU())
	}
	if d.WaitTimeout == 0 {
		d.WaitTimeout = 5 * time.Second
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if d.Clock == nil {
		d.Clock = time.Now
	}
	if d.Rand == nil {
		d.Rand = rand.Reader
	}
}

// Now is the command clock: UTC, truncated to the millisecond so what is
// stored equals what the wire shows.
func (a *App) Now() time.Time { return a.Clock().UTC().Truncate(time.Millisecond) }

// NewIDs draws n fresh 32-character identifiers, time-ordered by the
// command clock (token.NewOrdered): rows keyed by identifiers made close
// together land on adjacent index pages.
func (a *App) NewIDs(n int) ([]string, error) {
	out := make([]string, n)
	at := a.Clock()
	for i := range out {
		id, err := token.NewOrdered(a.Rand, at)
		if err != nil {
			return nil, err
		}
		out[i] = id
	}
	return out, nil
}

// Claim is the claim of value under kind for owner: the key is an HMAC,
// so no plaintext ever enters the claims table.
func (a *App) Claim(kind, value, owner string) eventstore.Claim {
	m := hmac.New(sha256.New, a.claimKey)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return eventstore.Claim{Kind: kind, Key: hex.EncodeToString(m.Sum(nil)), Owner: owner}
}

// Owner returns the stream owning the claim of value under kind, or
// eventstore.ErrClaimNotFound.
func (a *App) Owner(ctx context.Context, kind, value string) (string, error) {
	c := a.Claim(kind, value, "")
	return a.Store.LookupClaim(ctx, c.Kind, c.Key)
}

// Commit appends decided changes through the pipeline (see
// eventstore.Pipeline.Commit).
func (a *App) Commit(ctx context.Context, meta domain.Metadata, keyRef string, changes ...eventstore.Change) (eventstore.Position, error) {
	ctx, span := startSpan(ctx, "app.commit") // tracing.go
	pos, err := a.Pipeline.Commit(ctx, meta, keyRef, changes...)
	endSpan(span, err)
	return pos, err
}

// CommitNew is Commit for a subject that was just drawn and has no data
// key yet (a person being created): its key is made and stored
// in the same transaction as the records when the store can do that (one
// commit instead of two), else stored first with Keys.Ensure. After a
// failed append the fresh key is dropped from the cache, never used.
func (a *App) CommitNew(ctx context.Context, meta domain.Metadata, subject string, changes ...eventstore.Change) (eventstore.Position, error) {
	if _, ok := a.Store.(eventstore.KeyedAppender); !ok {
		return a.ensureAndCommit(ctx, meta, subject, changes...)
	}
	key, err := a.Keys.Fresh(subject)
	if err != nil {
		return eventstore.Position{}, err
	}
	ctx, span := startSpan(ctx, "app.commit") // tracing.go
	pos, err := a.Pipeline.CommitKeyed(ctx, meta, key, changes...)
	endSpan(span, err)
	if err != nil { // not stored, or stored and reloaded when next used
		a.Keys.Discard(subject)
	}
	if errors.Is(err, eventstore.ErrKeyExists) {
		// the subject got a stored key meanwhile (an erasure elsewhere
		// purged the cache between Fresh and sealing, and sealing made and
		// stored one): nothing was written, so commit with the stored key
		return a.ensureAndCommit(ctx, meta, subject, changes...)
	}
	return pos, err
}

// ensureAndCommit stores subject's key first (or finds it stored), then
// commits: CommitNew on a store that cannot take the key with the records.
func (a *App) ensureAndCommit(ctx context.Context, meta domain.Metadata, subject string, changes ...eventstore.Change) (eventstore.Position, error) {
	if err := a.Keys.Ensure(ctx, subject); err != nil {
		return eventstore.Position{}, err
	}
	return a.Commit(ctx, meta, subject, changes...)
}

// Retry runs attempt again when a concurrent writer moved a stream
// between its load and its append (bounded; then a conflict error).
func (a *App) Retry(attempt func() error) error { return a.Pipeline.Retry(attempt) }

// Derive returns a purpose-bound subkey of the secret.
func Derive(secret []byte, purpose string) []byte {
	h := sha256.New()
	h.Write([]byte(purpose))
	h.Write([]byte{0})
	h.Write(secret)
	return h.Sum(nil)
}
