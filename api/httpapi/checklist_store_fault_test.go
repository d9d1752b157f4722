package httpapi

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

// faultStore wraps a store and, once armed, fails one kind of call (the
// nth after arming, or every one), as a database that breaks in the middle
// of a request would. Unarmed, or armed with nth < 0, it only counts.
type faultStore struct {
	eventstore.Store
	mu    sync.Mutex
	op    string // "append" or "read" (ReadStream)
	nth   int    // 1-based call to fail; 0 fails every call; < 0 fails none
	err   error
	calls int
	hits  int
}

// arm starts counting op calls from zero and fails the nth with err.
func (f *faultStore) arm(op string, nth int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.op, f.nth, f.err, f.calls, f.hits = op, nth, err, 0, 0
}

// disarm stops failing; it returns how many op calls were seen and failed.
func (f *faultStore) disarm() (calls, hits int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	calls, hits = f.calls, f.hits
	f.op = ""
	return calls, hits
}

func (f *faultStore) fault(op string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if op != f.op {
		return nil
	}
	f.calls++
	if f.nth == 0 || f.calls == f.nth {
		f.hits++
		return f.err
	}
	return nil
}

func (f *faultStore) Append(ctx context.Context, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	if err := f.fault("append"); err != nil {
		return eventstore.Position{}, err
	}
	return f.Store.Append(ctx, reqs...)
}

func (f *faultStore) ReadStream(ctx context.Context, stream string, from uint64) ([]eventstore.Record, error) {
	if err := f.fault("read"); err != nil {
		return nil, err
	}
	return f.Store.ReadStream(ctx, stream, from)
}

// TestChecklist57StoreFailsDuringSignIn: whichever store call of a
// sign-in fails (every append of the sign-in in turn, or the stream
// reads), and whether the failure is transient or not, the answer is a
// generic 5xx that names nothing of the failure, no cookie is set and no
// event of the sign-in remains; once the store heals the same sign-in
// succeeds. Sign-ins covered: a plain one, a wrong password (the failure
// record), and one that upgrades an old password hash.
func TestChecklist57StoreFailsDuringSignIn(t *testing.T) {
	const good = `{"email":"alice@example.com","password":"correct horse 1"}`
	const wrong = `{"email":"alice@example.com","password":"not the password"}`
	oldParams := password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	scenarios := []struct {
		name, body string
		rehash     bool
		healthy    int // status once the store works
	}{
		{"sign-in", good, false, 200},
		{"wrong password", wrong, false, 401},
		{"sign-in with rehash", good, true, 200},
	}
	faults := []struct {
		name string
		err  error
	}{
		{"transient", fmt.Errorf("disk on fire: %w", eventstore.ErrUnavailable)},
		{"permanent", errors.New("disk on fire: input/output error")},
	}
	// setup returns a harness whose store holds alice, signed up (with the
	// old hash parameters for the rehash scenario).
	setup := func(t *testing.T, rehash bool) (*harness, *faultStore) {
		fs := &faultStore{Store: memory.New()}
		if !rehash {
			h := newHarnessOn(t, fs)
			h.signUp("alice@example.com", "correct horse 1", "Alice")
			return h, fs
		}
		old := newHarnessOn(t, fs, func(c *Config) { c.Hasher = password.NewHasher(oldParams, 2) })
		old.signUp("alice@example.com", "correct horse 1", "Alice")
		return newHarnessOn(t, fs), fs
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			// how many appends and reads this sign-in makes on a working store
			h, fs := setup(t, sc.rehash)
			fs.arm("append", -1, nil)
			if r := h.post("/sign-in/email", sc.body, nil); r.status != sc.healthy {
				t.Fatalf("healthy store: %d %s", r.status, r.body)
			}
			appends, _ := fs.disarm()
			if appends == 0 {
				t.Fatal("the sign-in appended nothing")
			}
			type point struct {
				op  string
				nth int
			}
			points := []point{{"read", 0}}
			for n := 1; n <= appends; n++ {
				points = append(points, point{"append", n})
			}
			for _, p := range points {
				for _, ft := range faults {
					t.Run(fmt.Sprintf("%s %d %s", p.op, p.nth, ft.name), func(t *testing.T) {
						h, fs := setup(t, sc.rehash)
						before := h.head()
						fs.arm(p.op, p.nth, ft.err)
						r := h.post("/sign-in/email", sc.body, nil)
						_, hits := fs.disarm()
						if hits == 0 {
							t.Fatalf("the sign-in made no %s call to fail (answered %d)", p.op, r.status)
						}
						if r.status < 500 || len(r.cookies) != 0 || r.header.Get("set-auth-token") != "" {
							t.Errorf("answered %d %s with cookies %q", r.status, r.body, r.cookies)
						}
						if b := string(r.body); strings.Contains(b, "disk") || strings.Contains(b, "input/output") {
							t.Errorf("the answer names the failure: %s", b)
						}
						if after := h.head(); after != before {
							t.Errorf("events remain after the failed sign-in: %v", h.eventTypes())
						}
						if r := h.post("/sign-in/email", sc.body, nil); r.status != sc.healthy {
							t.Errorf("after the store healed: %d %s", r.status, r.body)
						}
					})
				}
			}
		})
	}
}
