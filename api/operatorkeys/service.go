package operatorkeys

import (
	"context"
	"slices"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/operatorkey"
	"github.com/authledger/authledger/eventstore"
)

// Error codes of authentication and authorisation with a key (statuses
// are mapped in the API: 401 for the first two, 403 for the last).
const (
	CodeKeyRevoked        domain.Code = "OPERATOR_KEY_REVOKED"
	CodeKeyExpired        domain.Code = "OPERATOR_KEY_EXPIRED"
	CodeInsufficientScope domain.Code = "INSUFFICIENT_SCOPE"
)

// Errors of Authenticate. Revoked and expired are told apart only to a
// caller holding the key's real secret; anything else is Unauthorized.
var (
	ErrKeyRevoked = domain.Errorf(CodeKeyRevoked, "This operator key has been revoked")
	ErrKeyExpired = domain.Errorf(CodeKeyExpired, "This operator key has expired")
)

// Service runs the key use cases over a kernel and an index.
type Service struct {
	app     *app.App
	idx     *Index
	follows bool // idx is followed by the caller (a server); else caught up on each read
}

// New returns the use cases of a server that follows the log into idx
// (see Index.Follow): commands wait until idx has applied them, so a
// revocation is effective on this node when Revoke returns.
func New(a *app.App, idx *Index) *Service { return &Service{app: a, idx: idx, follows: true} }

// NewOneShot returns the use cases of a one-shot process (the CLI): reads
// catch a private index up with the log first.
func NewOneShot(a *app.App) *Service { return &Service{app: a, idx: NewIndex()} }

// Index is the read model the service reads.
func (s *Service) Index() *Index { return s.idx }

// CreateInput asks for a key. ExpiresAt, or else ExpiresIn from now,
// bounds its life; neither: it never expires.
type CreateInput struct {
	Caller app.Caller
	Actor  string // who creates it: key:<id>, admin, admin-cli
	// Grantable, when not nil, are the scopes the creator holds: a key
	// can only hand out scopes it has itself (nil: the bootstrap key or
	// the command line, which hold every scope).
	Grantable []string
	Name      string
	Scopes    []string
	ExpiresAt *time.Time
	ExpiresIn time.Duration
}

// Created is a new key and its token, shown once and never again.
type Created struct {
	Key   Key
	Token string
}

// Create draws a key's id and 256-bit secret and appends
// operatorkey.created with the secret's hash.
func (s *Service) Create(ctx context.Context, in CreateInput) (Created, error) {
	if in.Grantable != nil {
		for _, sc := range in.Scopes {
			if operatorkey.KnownScope(sc) && !slices.Contains(in.Grantable, sc) {
				return Created{}, domain.Errorf(CodeInsufficientScope, "A key can only grant the scopes it holds; this one lacks "+sc)
			}
		}
	}
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return Created{}, err
	}
	secret, err := newSecret(s.app.Rand)
	if err != nil {
		return Created{}, err
	}
	now := s.app.Now()
	exp := in.ExpiresAt
	if exp == nil && in.ExpiresIn != 0 {
		at := now.Add(in.ExpiresIn)
		exp = &at
	}
	if exp != nil {
		at := exp.UTC().Truncate(time.Millisecond)
		exp = &at
	}
	out, err := app.Run(ctx, s.app, operatorkey.NewDecider(), operatorkey.Stream(ids[0]), in.Caller.Meta(in.Actor, now), "",
		func(operatorkey.State) operatorkey.Command {
			return operatorkey.Create{ID: ids[0], Name: in.Name, Scopes: in.Scopes, SecretHash: hashSecret(secret),
				ExpiresAt: exp, At: now}
		})
	if err != nil {
		return Created{}, err
	}
	_ = s.wait(ctx, out.Position) // the key exists: its token must be shown even if this node lags
	st := out.State
	return Created{Key: Key{ID: st.ID, Name: st.Name, Scopes: st.Scopes, CreatedAt: st.CreatedAt, ExpiresAt: st.ExpiresAt},
		Token: formatToken(st.ID, secret)}, nil
}

// RevokeInput ends a key.
type RevokeInput struct {
	Caller app.Caller
	Actor  string
	ID     string
}

// Revoke appends operatorkey.revoked (nothing when already revoked) and
// returns the key as it now stands.
func (s *Service) Revoke(ctx context.Context, in RevokeInput) (Key, error) {
	if !domain.ValidID(in.ID) {
		return Key{}, operatorkey.ErrNotFound
	}
	now := s.app.Now()
	out, err := app.Run(ctx, s.app, operatorkey.NewDecider(), operatorkey.Stream(in.ID), in.Caller.Meta(in.Actor, now), "",
		func(operatorkey.State) operatorkey.Command { return operatorkey.Revoke{At: now} })
	if err != nil {
		return Key{}, err
	}
	if err := s.wait(ctx, out.Position); err != nil {
		return Key{}, domain.Errorf(domain.CodeUnavailable, "the key is revoked, but this node has not applied it yet")
	}
	return s.Get(ctx, in.ID)
}

// List returns every key, revoked ones included, oldest first.
func (s *Service) List(ctx context.Context) ([]Key, error) {
	if err := s.catchUp(ctx); err != nil {
		return nil, err
	}
	return s.idx.List(), nil
}

// Get returns the key with id.
func (s *Service) Get(ctx context.Context, id string) (Key, error) {
	if err := s.catchUp(ctx); err != nil {
		return Key{}, err
	}
	k, ok := s.idx.Get(id)
	if !ok {
		return Key{}, operatorkey.ErrNotFound
	}
	return k, nil
}

// Authenticate returns the live key a presented token names: unknown,
// malformed or wrong secrets are domain.ErrUnauthorized; a revoked or
// expired key (with its right secret) is ErrKeyRevoked or ErrKeyExpired.
func (s *Service) Authenticate(token string) (Key, error) {
	id, hash, ok := parseToken(token)
	if !ok {
		return Key{}, domain.ErrUnauthorized
	}
	k, want, found := s.idx.lookup(id)
	if !sameHash(hash, want) || !found {
		return Key{}, domain.ErrUnauthorized
	}
	switch {
	case k.RevokedAt != nil:
		return Key{}, ErrKeyRevoked
	case k.ExpiresAt != nil && !s.app.Now().Before(*k.ExpiresAt):
		return Key{}, ErrKeyExpired
	}
	return k, nil
}

// RecordUse notes a use of k now and, at most once per key per
// operatorkey.UsageGranularity on this node, appends operatorkey.used.
func (s *Service) RecordUse(ctx context.Context, caller app.Caller, k Key) error {
	now := s.app.Now()
	if !s.idx.touch(k.ID, now) {
		return nil
	}
	_, err := s.app.Commit(ctx, caller.Meta(k.Actor(), now), "", eventstore.Change{Stream: operatorkey.UsageStream(k.ID),
		Expected: eventstore.Any, Events: []domain.Event{operatorkey.Used{KeyID: k.ID, At: now}}})
	return err
}

// RecordRefusal records, at most once per key, route and scope per
// operatorkey.UsageGranularity on this node, that k was refused route
// for lacking scope (operatorkey.refused, an authz_fail in the trail).
func (s *Service) RecordRefusal(ctx context.Context, caller app.Caller, k Key, route, scope string) error {
	now := s.app.Now()
	if !s.idx.refusalDue(k.ID, route, scope, now) {
		return nil
	}
	ev := operatorkey.Refused{KeyID: k.ID, Route: route, Scope: scope, At: now}
	_, err := s.app.Commit(ctx, caller.Meta(k.Actor(), now), "", eventstore.Change{Stream: operatorkey.UsageStream(k.ID),
		Expected: eventstore.Any, Events: []domain.Event{ev}})
	return err
}

// InsufficientScope is the refusal of a key that lacks scope.
func InsufficientScope(scope string) error {
	return domain.Errorf(CodeInsufficientScope, "This operator key lacks the "+scope+" scope")
}

// wait blocks until a following index applied pos (bounded by the
// kernel's wait timeout); a one-shot service does not wait.
func (s *Service) wait(ctx context.Context, pos eventstore.Position) error {
	if !s.follows || pos.IsZero() {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, s.app.WaitTimeout)
	defer cancel()
	return s.idx.WaitFor(ctx, pos)
}

// catchUp brings a one-shot service's index up to the head of the log.
func (s *Service) catchUp(ctx context.Context) error {
	if s.follows {
		return nil
	}
	return s.idx.CatchUp(ctx, s.app.Store, s.app.Codec)
}
