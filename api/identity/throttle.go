package identity

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/signin"
	"github.com/authledger/authledger/eventstore"
)

// gate is an address's sign-in throttle as one attempt read it: the keyed
// hash of the canonical address, its stream, the folded state and the
// version the attempt's append expects. Appends that name no person (an
// unknown address, a throttled attempt) seal their metadata (IP, user
// agent) with a data key of the stream's own, as a known address's are
// sealed with the person's: the same cryptographic work both ways, and
// the attempt's origin kept for the audit, never in the clear.
type gate struct {
	hash, stream string
	st           signin.State
	version      uint64
}

// AddressHash is the keyed hash (an HMAC with the server's claim key) of
// a canonical address under which its sign-in throttle is kept: the
// stream is signin-<hash>, and the audit events carry it, never the
// address.
func AddressHash(a *app.App, canonical string) string {
	return a.Claim(signin.KeyKind, canonical, "").Key
}

// loadGate reads the throttle of a canonical address (one stream read).
func (s *Service) loadGate(ctx context.Context, addr string) (gate, error) {
	h := AddressHash(s.app, addr)
	g := gate{hash: h, stream: signin.Stream(h)}
	var err error
	g.st, g.version, err = app.Load(ctx, s.app, signin.NewDecider(), g.stream)
	return g, err
}

// change decides c on the gate's state: the change to append with the
// attempt's other changes, and the decider's refusal.
func (g gate) change(c signin.Command) (eventstore.Change, error) {
	evs, err := signin.Decide(g.st, c)
	return eventstore.Change{Stream: g.stream, Expected: eventstore.Exactly(g.version), Events: evs}, err
}

// throttled refuses an attempt during the address's backoff, the same for
// every address, appending the refusal's audit event; no password is
// checked. nil means the attempt may go on.
func (s *Service) throttled(ctx context.Context, caller app.Caller, g gate, now time.Time) error {
	ch, refused := g.change(signin.Check{AddressHash: g.hash, Backoff: s.cfg.Backoff, At: now})
	if refused == nil {
		return nil
	}
	if _, err := s.app.Commit(ctx, caller.Meta("", now), g.stream, ch); err != nil {
		return err
	}
	return refused
}

// failUnknown is the failure of an address that signs no one in (nobody
// owns it, or its owner has no password): the same work as a wrong
// password — as many stream reads as a known address makes, one Argon2id
// verification of a dummy hash, and one append of the throttle's
// failure. In place of the missing account stream it reads its own
// throttle stream again, decoded (about as long as a failing account's:
// both grow by one event a failure); in place of a missing person stream
// (a handful of events) a stream nobody writes.
func (s *Service) failUnknown(ctx context.Context, in SignInInput, g gate, noPerson bool, at *attempt, now time.Time) error {
	if noPerson { // person ids are 32 characters, the hash 64: no such person
		if _, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(g.hash)); err != nil {
			return err
		}
	}
	if _, _, err := app.Load(ctx, s.app, signin.NewDecider(), g.stream); err != nil {
		return err
	}
	if !at.hashed {
		if err := s.app.Hasher.VerifyDummy(ctx, in.Password); err != nil {
			return err
		}
		at.hashed = true
	}
	ch, _ := g.change(signin.Fail{AddressHash: g.hash, At: now})
	if _, err := s.app.Commit(ctx, in.Caller.Meta("", now), g.stream, ch); err != nil {
		return err
	}
	return domain.ErrInvalidCredentials
}

// attempt is what one sign-in keeps across the retries a concurrent
// writer causes: the password is hashed once.
type attempt struct {
	hashed bool
	check  signInCheck
	hooked bool
}
