package httpapi

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// orgs serves the organization routes. Every decision and every read of
// membership folds the group stream: groupState reads the stream's tail
// past a cached state (group.State is a persistent value, so sharing it
// between requests is safe), so a role change or a removal written by any
// node is seen by the next request, and a 10,000-member organization is
// not re-decoded on every call.
type orgs struct {
	s     *Server
	cache *stateCache
}

// cachedState is an organization folded up to version, with its members
// sorted oldest first once per version (list-members pages over them).
type cachedState struct {
	state   group.State
	version uint64
	members []group.Member // nil until asked for; never modified
}

// stateCache is a bounded map of folded organizations; when full, an
// arbitrary entry is dropped (it is only a cache: the stream is the truth).
type stateCache struct {
	mu  sync.Mutex
	m   map[string]cachedState
	max int
}

func newStateCache(max int) *stateCache {
	return &stateCache{m: make(map[string]cachedState), max: max}
}

func (c *stateCache) get(stream string) cachedState {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[stream]
}

// put keeps cs unless a newer version is already cached.
func (c *stateCache) put(stream string, cs cachedState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[stream]; ok && old.version >= cs.version {
		return
	}
	if _, ok := c.m[stream]; !ok && len(c.m) >= c.max {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[stream] = cs
}

// groupState folds the organization's stream: the cached state plus every
// record after it. It returns the state and the stream version.
func (o *orgs) groupState(ctx context.Context, id string) (group.State, uint64, error) {
	stream := group.Stream(id)
	cs := o.cache.get(stream)
	recs, err := o.s.cfg.Store.ReadStream(ctx, stream, cs.version+1)
	if err != nil {
		return group.State{}, 0, fmt.Errorf("organization %s: %w", id, err)
	}
	if len(recs) == 0 {
		return cs.state, cs.version, nil
	}
	for _, rec := range recs {
		ev, _, err := o.s.cfg.Codec.Decode(ctx, rec)
		if err != nil {
			return group.State{}, 0, fmt.Errorf("organization %s: %w", id, err)
		}
		cs.state, cs.version = group.Evolve(cs.state, ev), rec.Version
	}
	o.cache.put(stream, cs)
	return cs.state, cs.version, nil
}

// sortedMembers returns the members of st (folded at version), oldest
// first, computed once per cached version. The slice is shared: callers
// must not modify it.
func (o *orgs) sortedMembers(st group.State, version uint64) []group.Member {
	stream := group.Stream(st.ID)
	o.cache.mu.Lock()
	cs, ok := o.cache.m[stream]
	o.cache.mu.Unlock()
	if ok && cs.version == version && cs.members != nil {
		return cs.members
	}
	members := st.Members()
	o.cache.mu.Lock()
	if cs, ok := o.cache.m[stream]; ok && cs.version == version {
		cs.members = members
		o.cache.m[stream] = cs
	}
	o.cache.mu.Unlock()
	return members
}

// activeGroup returns an active organization's state, or
// ORGANIZATION_NOT_FOUND.
func (o *orgs) activeGroup(ctx context.Context, id string) (group.State, error) {
	if !domain.ValidID(id) {
		return group.State{}, group.ErrOrganizationNotFound
	}
	st, _, err := o.groupState(ctx, id)
	if err != nil {
		return st, err
	}
	if !st.Active() {
		return st, group.ErrOrganizationNotFound
	}
	return st, nil
}

// memberIn returns the caller's membership of an active organization, or
// notMember.
func (o *orgs) memberIn(ctx context.Context, id, personID string, notMember error) (group.State, group.Member, error) {
	st, err := o.activeGroup(ctx, id)
	if err != nil {
		return st, group.Member{}, err
	}
	m, ok := st.MemberOf(personID)
	if !ok {
		return st, group.Member{}, notMember
	}
	return st, m, nil
}

// orgCommand is one organization command: the command built from the
// current state, and the other changes (claims, session events) that go
// into the same atomic append, derived from the decided events.
type orgCommand struct {
	groupID string
	actor   string
	cmd     func(group.State) group.Command
	with    func(st group.State, evs []domain.Event) ([]change, []eventstore.Claim, []eventstore.Claim, error)
}

// run decides cmd on the group stream and appends the events (sealed with
// the group's key) with the extra changes, expecting the version it read;
// a concurrent writer makes it decide again on the new state. It returns
// the state before the command and the events.
func (o *orgs) run(c echo.Context, oc orgCommand) (group.State, []domain.Event, error) {
	var before group.State
	var evs []domain.Event
	stream := group.Stream(oc.groupID)
	err := o.s.retry(func() error {
		st, v, err := o.groupState(c.Request().Context(), oc.groupID)
		if err != nil {
			return err
		}
		before = st
		if evs, err = group.Decide(st, oc.cmd(st)); err != nil || len(evs) == 0 {
			return err
		}
		main := change{Stream: stream, Expected: eventstore.Exactly(v), Events: evs}
		var extra []change
		if oc.with != nil {
			if extra, main.Claims, main.Releases, err = oc.with(st, evs); err != nil {
				return err
			}
		}
		_, err = o.s.commit(c, o.s.meta(c, oc.actor, o.s.now()), stream, append([]change{main}, extra...)...)
		return err
	})
	return before, evs, err
}

// after folds evs into st.
func after(st group.State, evs []domain.Event) group.State {
	for _, ev := range evs {
		st = group.Evolve(st, ev)
	}
	return st
}

// isClaimTaken reports a slug conflict.
func isClaimTaken(err error) bool { return errors.Is(err, eventstore.ErrClaimTaken) }

// orgCaller is a caller resolved in one organization.
type orgCaller struct {
	a  authed
	id string
	st group.State
	m  group.Member
}

// callerIn is the preamble of the read routes on one organization: the
// caller's session, the organization named by organizationId or
// organizationSlug (else the active one), and the caller's membership,
// decided on the group stream; notMember is the error for outsiders.
func (o *orgs) callerIn(c echo.Context, notMember error) (orgCaller, error) {
	a, err := o.s.requireSession(c)
	if err != nil {
		return orgCaller{}, err
	}
	ctx := c.Request().Context()
	id, err := o.target(ctx, a, query(c, "organizationId"), query(c, "organizationSlug"))
	if err != nil {
		return orgCaller{}, err
	}
	st, m, err := o.memberIn(ctx, id, a.user.ID, notMember)
	return orgCaller{a: a, id: id, st: st, m: m}, err
}
