package eventstore

import "context"

// Claim reserves a unique value (email, provider account, org slug) for an
// owner stream. Key is HMAC-SHA256(secret, kind ‖ normalized value) in hex,
// never the plaintext. Claims double as the lookup index (email → person).
type Claim struct {
	Kind  string // "email", "account", "slug", …
	Key   string // hex HMAC of the normalized value
	Owner string // owning stream
}

// AppendRequest appends events to one stream under an expected version and
// takes or releases claims in the same transaction.
type AppendRequest struct {
	Stream   string
	Expected ExpectedVersion
	Events   []EventData
	Claims   []Claim // taken; ErrClaimTaken if owned by another stream
	Releases []Claim // released; only when owned by Owner (otherwise no-op)
}

// Store is the event store contract. Every adapter passes
// eventstore/eventstoretest for the Features it declares.
type Store interface {
	// Append commits all requests atomically (where Features.AtomicMulti)
	// and returns the position of the last record written. A request with a
	// failed version check returns ErrWrongExpectedVersion, a claim conflict
	// ErrClaimTaken; in both cases nothing is written. When Append returns
	// nil the records are durable.
	Append(ctx context.Context, reqs ...AppendRequest) (Position, error)
	// ReadStream returns the records of stream with Version ≥ from (from 0 or
	// 1 = all), in version order. An unknown stream returns no records.
	ReadStream(ctx context.Context, stream string, from uint64) ([]Record, error)
	// ReadAll returns up to limit records strictly after the position, in
	// global order. It never returns a position that a reader could have
	// already moved past (no skips).
	ReadAll(ctx context.Context, after Position, limit int) ([]Record, error)
	// Head returns the position of the last committed record (zero if empty).
	Head(ctx context.Context) (Position, error)
	// Changed returns a channel closed when records are committed after the
	// call. Take it before ReadAll so no wake-up is lost.
	Changed() <-chan struct{}
	// LookupClaim returns the owner stream of a claim, or ErrClaimNotFound.
	LookupClaim(ctx context.Context, kind, key string) (string, error)
	// Keys is the keystore holding wrapped per-subject data keys.
	Keys() KeyStore
	// Close releases resources; later calls return ErrClosed.
	Close() error
}

// KeyStore keeps wrapped (KEK-encrypted) per-subject data keys outside the log.
type KeyStore interface {
	// PutKey stores wrapped as subject's key unless one exists; it returns
	// the key that is stored afterwards (the existing one wins a race).
	PutKey(ctx context.Context, subject string, wrapped []byte) ([]byte, error)
	// GetKey returns the wrapped key or ErrKeyNotFound.
	GetKey(ctx context.Context, subject string) ([]byte, error)
	// DestroyKey deletes the key for good (crypto-shredding). Idempotent.
	DestroyKey(ctx context.Context, subject string) error
}

// Features declares what an adapter supports; the conformance suite skips
// cases for features an adapter lacks.
type Features struct {
	AtomicMulti bool // several streams commit in one transaction
	Durable     bool // survives process restart (reopen test)
}
