// Package sessionindex is the in-memory session and user index that serves
// get-session without a database read. It is fed only by the event log
// (Follow), in global order, so every node converges on the same view;
// local commands wait for the index to reach their append position before
// they answer, which makes their own writes visible at once.
package sessionindex

import (
	"context"
	"crypto/sha256"
	"sync"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// Session is one live session. Times are kept as they were decided.
type Session struct {
	ID         string
	PersonID   string
	TokenHash  [32]byte
	CreatedAt  time.Time
	UpdatedAt  time.Time // also the time of the last refresh
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
	RememberMe bool
	// ActiveOrganizationID is the session's default organization ("" none).
	ActiveOrganizationID string
	// ImpersonatedBy is the administrator acting as the person ("" for
	// the person's own session).
	ImpersonatedBy string
}

// User is the Better Auth user object of a person.
type User struct {
	ID               string
	Name             string
	Email            string
	Image            string
	EmailVerified    bool
	Role             string
	TwoFactorEnabled bool
	Banned           bool
	BanReason        string
	BanExpires       time.Time // zero: the ban does not end by itself
	Fields           map[string]any
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// entry is the compact in-memory form of a session (152 bytes, no
// pointers but the shared strings), kept in the table's chunks: a million
// sessions fit in under 220 MB of heap with their users. Times are Unix
// milliseconds, the wire's precision.
type entry struct {
	id         [domainIDLen]byte
	tokenHash  [32]byte
	personID   string // shared with the user's ID
	created    int64
	updated    int64
	expires    int64
	ip, ua     string // interned
	imperson   uint32 // the impersonating administrator, index into Index.ids; 0 = none
	activeOrg  uint32 // index into Index.ids; 0 = none
	rememberMe bool
}

const domainIDLen = 32

// session expands an entry; ids is the id table (callers hold the read
// lock).
func (e *entry) session(ids []string) Session {
	return Session{ID: string(e.id[:]), PersonID: e.personID, TokenHash: e.tokenHash,
		CreatedAt: time.UnixMilli(e.created).UTC(), UpdatedAt: time.UnixMilli(e.updated).UTC(),
		ExpiresAt: time.UnixMilli(e.expires).UTC(), IP: e.ip, UserAgent: e.ua, RememberMe: e.rememberMe,
		ActiveOrganizationID: ids[e.activeOrg], ImpersonatedBy: ids[e.imperson]}
}

// Index maps token hashes to sessions and person ids to users. All methods
// are safe for concurrent use.
type Index struct {
	mu       sync.RWMutex
	sessions table               // by token hash (table.go)
	byPerson map[string][]uint32 // entry numbers of each person's sessions, oldest first
	users    map[string]*User
	strings  map[string]string // interned IPs and user agents
	ids      []string          // organization and administrator ids by index; ids[0] = ""
	idIndex  map[string]uint32
	pos      eventstore.Position
	moved    chan struct{} // closed and replaced whenever pos advances
	onErased func()        // run after a batch that erased someone (OnErased)
}

// New returns an empty index.
func New() *Index {
	return &Index{
		byPerson: make(map[string][]uint32),
		users:    make(map[string]*User),
		strings:  make(map[string]string),
		ids:      []string{""},
		idIndex:  map[string]uint32{"": 0},
		moved:    make(chan struct{}),
	}
}

// HashToken returns SHA-256 of a session token, the only form ever stored.
// A token of up to 64 bytes (every token the server issues) is hashed from
// a copy on the stack: converting it to a []byte would allocate on every
// get-session, since the compiler's stack buffer for that holds 32 bytes.
func HashToken(token string) [32]byte {
	var buf [64]byte
	if len(token) <= len(buf) {
		return sha256.Sum256(buf[:copy(buf[:], token)])
	}
	return sha256.Sum256([]byte(token))
}

// Lookup returns a copy of the session with the token hash and its user.
// It does not check expiry; callers compare ExpiresAt with their clock.
func (x *Index) Lookup(hash [32]byte) (Session, User, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	i, ok := x.sessions.find(hash)
	if !ok {
		return Session{}, User{}, false
	}
	s := x.sessions.at(i)
	u, ok := x.users[s.personID]
	if !ok || u.Banned {
		return Session{}, User{}, false
	}
	return s.session(x.ids), *u, true
}

// User returns a copy of a person's user object.
func (x *Index) User(personID string) (User, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	u, ok := x.users[personID]
	if !ok {
		return User{}, false
	}
	return *u, true
}

// Sessions returns copies of a person's live sessions, oldest first.
func (x *Index) Sessions(personID string) []Session {
	x.mu.RLock()
	defer x.mu.RUnlock()
	list := x.byPerson[personID]
	out := make([]Session, len(list))
	for i, n := range list {
		out[i] = x.sessions.at(n).session(x.ids)
	}
	return out
}

// Position returns the position of the last record applied.
func (x *Index) Position() eventstore.Position {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.pos
}

// Len returns the number of live sessions.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.sessions.n
}

// WaitFor blocks until the index has applied pos or ctx ends.
func (x *Index) WaitFor(ctx context.Context, pos eventstore.Position) error {
	for {
		x.mu.RLock()
		done, ch := !x.pos.Less(pos), x.moved
		x.mu.RUnlock()
		if done {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
