package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/authledger/authledger/domain/password/argon2id"

	"github.com/authledger/authledger/domain"
)

// ErrBusy is returned when no hashing slot frees up within Hasher.BusyWait or
// before the context ends. The API answers it with 503 and Retry-After.
var ErrBusy = domain.Errorf(domain.CodeUnavailable, "too many password hashes in progress, retry shortly")

// DefaultBusyWait is how long a caller waits for a hashing slot by default.
const DefaultBusyWait = 100 * time.Millisecond

// DefaultMaxMemoryKiB is the default ceiling on the memory cost accepted from
// a stored hash (64 MiB, RFC 9106's second recommendation), unless the
// current params ask for more.
const DefaultMaxMemoryKiB = 64 * 1024

// DefaultMaxTime is the default ceiling on the passes accepted from a stored
// hash, so an imported hash cannot pin a slot for minutes.
const DefaultMaxTime = 16

// Hasher hashes and verifies passwords with Argon2id, running at most a fixed
// number of hashes at once. Set the exported fields before first use; a
// Hasher is then safe for concurrent use.
type Hasher struct {
	// Rand is the source of salts; NewHasher sets crypto/rand.Reader.
	Rand io.Reader
	// BusyWait is how long Hash and Verify wait for a free slot before
	// returning ErrBusy; NewHasher sets DefaultBusyWait.
	BusyWait time.Duration
	// MaxMemoryKiB and MaxTime bound the cost read from stored hashes.
	MaxMemoryKiB uint32
	MaxTime      uint32
	// Derived, when set, is called after each Argon2id derivation (Hash,
	// Verify and VerifyDummy alike): a count for metrics and for tests
	// that compare the work of two paths.
	Derived func()

	params Params
	slots  chan struct{}
	// cpus bounds the hashes computing at once to the processors the Go
	// runtime schedules on (GOMAXPROCS), below the admission bound of
	// slots: an admitted hash beyond it waits its turn instead of sharing a
	// processor with the others. Throughput is the same work either way,
	// but interleaved hashes evict each other's memory (each walks
	// params.Memory KiB at random, far beyond a core's caches), every
	// running hash holds its memory at once (more heap, more collection),
	// and each finishes later. Measured with `go run ./cmd/perf -only
	// sign-in`: see the README's Performance section.
	cpus chan struct{}
	// mem keeps Argon2id's working memory between hashes (argon2id).
	mem   argon2id.Pool
	dummy string
	// onHash, when set by tests, runs inside a slot before each hash.
	onHash func()
}

// NewHasher returns a Hasher that hashes with params and runs at most
// maxConcurrent hashes at once. Each running hash holds params.Memory KiB,
// so peak hashing memory is about maxConcurrent × params.Memory. It panics if
// params.Validate fails or maxConcurrent < 1: both are configuration errors
// the composition root checks first.
func NewHasher(params Params, maxConcurrent int) *Hasher {
	if err := params.Validate(); err != nil {
		panic(err)
	}
	if maxConcurrent < 1 {
		panic("password: maxConcurrent must be at least 1")
	}
	return &Hasher{
		Rand:         rand.Reader,
		BusyWait:     DefaultBusyWait,
		MaxMemoryKiB: max(DefaultMaxMemoryKiB, params.Memory),
		MaxTime:      max(DefaultMaxTime, params.Time),
		params:       params,
		slots:        make(chan struct{}, maxConcurrent),
		cpus:         make(chan struct{}, runtime.GOMAXPROCS(0)),
		dummy:        dummyHash(params),
	}
}

// Params returns the parameters new hashes are made with.
func (h *Hasher) Params() Params { return h.params }

// Hash returns the PHC string of password with a fresh salt and the current
// params, or ErrBusy when no slot frees up in time.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	if _, err := io.ReadFull(h.Rand, salt); err != nil {
		return "", fmt.Errorf("password: drawing salt: %w", err)
	}
	key, err := h.derive(ctx, password, salt, h.params)
	if err != nil {
		return "", err
	}
	return Encode(h.params, salt, key), nil
}

// Verify reports whether password matches the stored PHC string, computing
// with the stored params and comparing in constant time. needsRehash is true
// only when ok is true and the stored params, salt length or key length
// differ from the current ones, so the caller can store a fresh hash. A
// malformed or over-cost stored hash yields ErrMalformedPHC; a full Hasher
// yields ErrBusy.
func (h *Hasher) Verify(ctx context.Context, password, phc string) (ok, needsRehash bool, err error) {
	stored, err := ParsePHC(phc, h.MaxMemoryKiB)
	if err != nil {
		return false, false, err
	}
	if stored.Params.Time > h.MaxTime {
		return false, false, malformed(fmt.Sprintf("t above the ceiling of %d", h.MaxTime))
	}
	key, err := h.derive(ctx, password, stored.Salt, stored.Params)
	if err != nil {
		return false, false, err
	}
	ok = subtle.ConstantTimeCompare(key, stored.Key) == 1
	return ok, ok && stored.Params != h.params, nil
}

// VerifyDummy does the work of Verify against a fixed hash made with the
// current params and discards the result, so a sign-in for an unknown email
// takes as long as one for a wrong password. It returns only ErrBusy or nil.
func (h *Hasher) VerifyDummy(ctx context.Context, password string) error {
	_, _, err := h.Verify(ctx, password, h.dummy)
	return err
}

// derive runs Argon2id inside a slot.
func (h *Hasher) derive(ctx context.Context, password string, salt []byte, p Params) ([]byte, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	select { // a processor's turn; the wait is bounded by the admitted hashes ahead
	case h.cpus <- struct{}{}:
		defer func() { <-h.cpus }()
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: %w", ErrBusy, ctx.Err())
	}
	if h.onHash != nil {
		h.onHash()
	}
	key := h.mem.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	if h.Derived != nil {
		h.Derived()
	}
	return key, nil
}

// acquire takes a slot, waiting at most BusyWait and never past ctx.
func (h *Hasher) acquire(ctx context.Context) (func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBusy, err)
	}
	release := func() { <-h.slots }
	select {
	case h.slots <- struct{}{}:
		return release, nil
	default:
	}
	timer := time.NewTimer(h.BusyWait)
	defer timer.Stop()
	select {
	case h.slots <- struct{}{}:
		return release, nil
	case <-timer.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: %w", ErrBusy, ctx.Err())
	}
}

// dummyHash is a well-formed PHC string with the current params, a fixed
// salt and an all-zero key that no password derives in practice.
func dummyHash(p Params) string {
	salt := make([]byte, p.SaltLen)
	for i := range salt {
		salt[i] = byte(i + 1)
	}
	return Encode(p, salt, make([]byte, p.KeyLen))
}
