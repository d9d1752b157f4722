package hooks

import (
	"context"
	"slices"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/hook"
	"github.com/authledger/authledger/eventstore"
)

// Config is the before-hook settings.
type Config struct {
	// Before is the hook; nil turns before-hooks off.
	Before Before
	// Kinds are the hook points asked (empty: all).
	Kinds []Kind
	// FailClosed refuses an action when the hook cannot answer
	// (503 BEFORE_HOOK_UNAVAILABLE); otherwise it is allowed and a warning
	// logged.
	FailClosed bool
}

// Guard asks the hook and records refusals.
type Guard struct {
	app *app.App
	cfg Config
}

// New returns the guard of cfg over a, or nil when cfg has no hook (a nil
// Guard allows everything).
func New(a *app.App, cfg Config) *Guard {
	if cfg.Before == nil {
		return nil
	}
	if len(cfg.Kinds) == 0 {
		cfg.Kinds = Kinds()
	}
	return &Guard{app: a, cfg: cfg}
}

// Asks reports whether the hook is asked about kind.
func (g *Guard) Asks(kind Kind) bool { return g != nil && slices.Contains(g.cfg.Kinds, kind) }

// Check asks the hook about req (unless g is nil or does not ask about
// req.Kind: then it allows). A refusal, by the hook or by the fail-closed
// policy, is recorded as a hook.refused event by caller and returned as a
// *Refusal; an allowance returns the hook's decision (its Fields).
func (g *Guard) Check(ctx context.Context, caller app.Caller, req Request) (Decision, error) {
	if !g.Asks(req.Kind) {
		return Decision{Allow: true}, nil
	}
	req.IP, req.UserAgent = caller.IP, caller.UserAgent
	d, err := g.cfg.Before.Check(ctx, req)
	switch {
	case err != nil:
		if err := g.unavailable(ctx, caller, req, err); err != nil {
			return Decision{}, err
		}
		return Decision{Allow: true}, nil
	case !d.Allow:
		return Decision{}, g.refuse(ctx, caller, req, hook.ReasonRefused, refusalOf(d))
	}
	return d, nil
}

// unavailable applies the policy to a hook that could not answer: open,
// a warning and nil; closed, a recorded 503 BEFORE_HOOK_UNAVAILABLE.
func (g *Guard) unavailable(ctx context.Context, caller app.Caller, req Request, cause error) error {
	if !g.cfg.FailClosed {
		g.app.Logger.Warn("before-hook unavailable; allowing (fail open)", "kind", req.Kind, "err", cause)
		return nil
	}
	g.app.Logger.Warn("before-hook unavailable; refusing (fail closed)", "kind", req.Kind, "err", cause)
	r := &Refusal{Status: 503, Code: CodeHookUnavailable, Message: "The before-hook is unavailable; try again later"}
	return g.refuse(ctx, caller, req, hook.ReasonUnavailable, r)
}

// refuse appends the audit event of a refusal and returns r (or the
// append's error: a refusal that cannot be recorded is not answered as
// one).
func (g *Guard) refuse(ctx context.Context, caller app.Caller, req Request, reason string, r *Refusal) error {
	now := g.app.Now()
	ev := hook.Refused{Kind: string(req.Kind), Reason: reason, Code: string(r.Code), PersonID: req.UserID,
		Provider: req.Provider, At: now}
	if req.UserID == "" { // a sign-up: no person key to seal the address with; keep its domain only
		if addr, err := email.Canonicalize(req.Email); err == nil {
			ev.EmailDomain = addr[strings.LastIndexByte(addr, '@')+1:]
		}
	}
	if req.Organization != nil {
		ev.OrganizationSlug = req.Organization.Slug
	}
	// Sealed with the person's key when there is one (IP and user agent
	// kept, erasable with the person); without, the metadata's personal
	// data is dropped by the codec.
	_, err := g.app.Commit(ctx, caller.Meta(req.UserID, now), req.UserID, eventstore.Change{
		Stream: hook.Stream(now), Expected: eventstore.Any, Events: []domain.Event{ev}})
	if err != nil {
		return err
	}
	return r
}

// Unusable applies the fail-open or fail-closed policy to an allowance
// the caller could not use (its field values do not fit the schema):
// open, nil (the caller goes on without them); closed, the recorded
// refusal.
func (g *Guard) Unusable(ctx context.Context, caller app.Caller, req Request, cause error) error {
	return g.unavailable(ctx, caller, req, cause)
}
