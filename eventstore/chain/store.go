package chain

import (
	"context"
	"errors"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// Errors of the chain contract.
var (
	// ErrConflict: AppendLinks did not start right after the stored head
	// (another chainer extended the chain first). Nothing was written.
	ErrConflict = errors.New("chain: links do not extend the stored head")
	// ErrNoLink: no link is stored at the requested position.
	ErrNoLink = errors.New("chain: no link at this position")
	// ErrMalformed: a digest, key or checkpoint could not be parsed.
	ErrMalformed = errors.New("chain: malformed input")
	// ErrNoKey: a required Ed25519 key is missing or has the wrong size.
	ErrNoKey = errors.New("chain: missing or invalid Ed25519 key")
)

// Link is the chain's state after one record.
type Link struct {
	Seq      uint64              `json:"seq"`      // 1-based index in the chain = number of records covered
	Position eventstore.Position `json:"position"` // the record's position
	Hash     Digest              `json:"hash"`     // SHA-256(previous link ‖ canonical bytes of the record)
}

// Checkpoint is a signed statement "the chain had Count links, the last at
// Position with link Hash, at Time".
type Checkpoint struct {
	Count     uint64              `json:"count"`
	Position  eventstore.Position `json:"position"`
	Hash      Digest              `json:"hash"`
	Time      time.Time           `json:"time"`      // signing time; nanoseconds are kept
	Signature []byte              `json:"signature"` // Ed25519 over SignedMessage
}

// Store keeps the links and checkpoints of one event store. Durable
// adapters implement it next to their events table; chain/chaintest is
// its conformance suite.
type Store interface {
	// ChainHead returns the last link, or the zero Link when the chain is
	// empty.
	ChainHead(ctx context.Context) (Link, error)
	// LinkAt returns the link of the record at pos, or ErrNoLink.
	LinkAt(ctx context.Context, pos eventstore.Position) (Link, error)
	// AppendLinks stores links atomically. They must be consecutive and the
	// first must follow the stored head (Seq = head's Seq + 1), otherwise
	// AppendLinks returns ErrConflict and writes nothing.
	AppendLinks(ctx context.Context, links []Link) error
	// ReadLinks returns up to limit links with positions after the given
	// one, in chain order.
	ReadLinks(ctx context.Context, after eventstore.Position, limit int) ([]Link, error)
	// PutCheckpoint stores a checkpoint; one already stored for the same
	// Count is kept (the call is then a no-op).
	PutCheckpoint(ctx context.Context, cp Checkpoint) error
	// Checkpoints returns every stored checkpoint in Count order (for export
	// and Verify).
	Checkpoints(ctx context.Context) ([]Checkpoint, error)
}

// Chained is implemented by event stores that keep a chain next to their
// records (sqlite.Store, postgres.Store).
type Chained interface {
	Chain() Store
}
