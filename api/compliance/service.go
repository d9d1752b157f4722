package compliance

import (
	"context"
	"crypto/ed25519"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/audit"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

// CodeChainUnsupported: the event store keeps no audit hash chain (no
// verifier or checkpoint store was wired).
const CodeChainUnsupported domain.Code = "AUDIT_CHAIN_UNSUPPORTED"

// errNoChain is returned by the chain use cases when Deps has no chain.
var errNoChain = domain.Errorf(CodeChainUnsupported, "this event store keeps no audit hash chain")

// ChainVerifier recomputes the audit hash chain over (after, to] — to
// zero meaning the head — checking every stored checkpoint and the extra
// ones (an exported copy). Tampering is reported in the Report; the error
// is for failures to read.
type ChainVerifier interface {
	VerifyChain(ctx context.Context, after, to eventstore.Position, extra ...chain.Checkpoint) (chain.Report, error)
}

// CheckpointStore holds the chain's signed checkpoints (chain.Store is
// one).
type CheckpointStore interface {
	Checkpoints(ctx context.Context) ([]chain.Checkpoint, error)
}

// Scrubber physically removes deleted rows of the read store after an
// erasure (SQLite keeps deleted pages in the file and its WAL until they
// are overwritten).
type Scrubber interface {
	Scrub(ctx context.Context) error
}

// Deps are the adapter capabilities the composition root wires in; a nil
// field means the capability is not available.
type Deps struct {
	// Verifier recomputes the hash chain; nil: Verify answers
	// CodeChainUnsupported.
	Verifier ChainVerifier
	// Checkpoints and ChainKey (the public key that verifies checkpoint
	// signatures) are what Checkpoints exports; either nil: Checkpoints
	// answers CodeChainUnsupported.
	Checkpoints CheckpointStore
	ChainKey    ed25519.PublicKey
	// Scrubber runs after an erasure; nil: nothing to scrub.
	Scrubber Scrubber
	// Erased runs after an erasure destroyed data keys, so in-memory
	// caches of states decoded with them are dropped; nil: none.
	Erased func()
}

// Service runs the compliance use cases.
type Service struct {
	app  *app.App
	deps Deps
}

// New returns the compliance use cases over a with the wired deps.
func New(a *app.App, deps Deps) *Service { return &Service{app: a, deps: deps} }

// Reader says who reads the audit trail and through what: the audit.read
// event every read appends names them.
type Reader struct {
	Caller app.Caller
	Actor  string // "admin" over HTTP, "admin-cli" from the command line
	Route  string // "/v1/audit/events", "authledger audit export", ...
}

// recordRead appends audit.read to the day's audit stream. It carries no
// key, so the reader's IP and user agent are not stored.
func (s *Service) recordRead(ctx context.Context, r Reader, query string, pii bool) error {
	now := s.app.Now()
	ev := audit.Read{Route: r.Route, Query: query, IncludePII: pii, At: now}
	_, err := s.app.Commit(ctx, r.Caller.Meta(r.Actor, now), "", eventstore.Change{Stream: audit.Stream(now),
		Expected: eventstore.Any, Events: []domain.Event{ev}})
	return err
}
