package orgs

import (
	"sync"

	"github.com/authledger/authledger/domain/group"
)

// memberCache keeps each organization's members sorted oldest first, once
// per stream version: list-members pages over an organization of 10,000
// members without sorting them on every request. It is bounded; when full,
// an arbitrary entry is dropped (the stream is the truth).
type memberCache struct {
	mu  sync.Mutex
	m   map[string]sortedMembers
	max int
}

// sortedMembers are the members of a stream folded up to version. The
// slice is shared between callers and never modified.
type sortedMembers struct {
	version uint64
	members []group.Member
}

func newMemberCache(size int) *memberCache {
	return &memberCache{m: make(map[string]sortedMembers), max: max(size, 1)}
}

// sorted returns st's members (st folded at version), oldest first; the
// slice is shared: callers must not modify it.
func (c *memberCache) sorted(st group.State, version uint64) []group.Member {
	stream := group.Stream(st.ID)
	c.mu.Lock()
	e, ok := c.m[stream]
	c.mu.Unlock()
	if ok && e.version == version {
		return e.members
	}
	members := st.SortedMembers() // shared, like the cache's slice: read only
	c.put(stream, sortedMembers{version: version, members: members})
	return members
}

// put keeps e unless a newer version is cached already.
func (c *memberCache) put(stream string, e sortedMembers) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.m[stream]
	if ok && old.version >= e.version {
		return
	}
	if !ok && len(c.m) >= c.max {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[stream] = e
}
