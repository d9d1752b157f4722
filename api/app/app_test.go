package app_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	essqlite "github.com/authledger/authledger/eventstore/sqlite"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/audit"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

func TestNewValidates(t *testing.T) {
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte("k")))
	full := app.Deps{Store: store, Codec: eventstore.NewCodec(registry.New(), keys), Keys: keys, Read: ontmemory.New(),
		Secret: []byte(strings.Repeat("s", 32))}
	tests := []struct {
		name   string
		change func(*app.Deps)
		ok     bool
	}{
		{"complete", func(*app.Deps) {}, true},
		{"no store", func(d *app.Deps) { d.Store = nil }, false},
		{"no read store", func(d *app.Deps) { d.Read = nil }, false},
		{"short secret", func(d *app.Deps) { d.Secret = d.Secret[:31] }, false},
	}
	for _, tt := range tests {
		d := full
		tt.change(&d)
		a, err := app.New(d)
		if (err == nil) != tt.ok {
			t.Errorf("%s: New err = %v, want ok=%v", tt.name, err, tt.ok)
		}
		if err == nil && (a.Hasher == nil || a.Clock == nil || a.Rand == nil || a.WaitTimeout == 0 || a.Logger == nil) {
			t.Errorf("%s: defaults not filled: %+v", tt.name, a.Deps)
		}
	}
}

func TestClaimsAreKeyedHMACsPerKind(t *testing.T) {
	a := apptest.New(t).App
	c1 := a.Claim("email", "ann@example.com", "person-1")
	c2 := a.Claim("email", "ann@example.com", "person-2")
	c3 := a.Claim("slug", "ann@example.com", "group-1")
	if c1.Key != c2.Key || c1.Owner != "person-1" {
		t.Errorf("same value, same kind: keys %s and %s", c1.Key, c2.Key)
	}
	if c1.Key == c3.Key {
		t.Error("two kinds of claim share a key")
	}
	if strings.Contains(c1.Key, "ann") || len(c1.Key) != 64 {
		t.Errorf("claim key %q is not a hex HMAC", c1.Key)
	}
}

func TestCallerMetaBoundsTheUserAgent(t *testing.T) {
	at := apptest.New(t).App.Now()
	m := app.Caller{RequestID: "r1", IP: "192.0.2.1", UserAgent: strings.Repeat("u", 600)}.Meta("P1", at)
	if m.Actor != "P1" || m.RequestID != "r1" || m.IP != "192.0.2.1" || len(m.UserAgent) != 512 || !m.OccurredAt.Equal(at) {
		t.Fatalf("Meta = %+v", m)
	}
}

// TestTrackerRecordsTheLastAppend: appends made with a tracked context
// leave their position there; others do not.
func TestTrackerRecordsTheLastAppend(t *testing.T) {
	env := apptest.New(t)
	read := func(ctx context.Context) eventstore.Position {
		now := env.App.Now()
		pos, err := env.App.Commit(ctx, domain.Metadata{Actor: "admin", OccurredAt: now}, "",
			eventstore.Change{Stream: audit.Stream(now), Expected: eventstore.Any,
				Events: []domain.Event{audit.Read{Route: "/test", At: now}}})
		if err != nil {
			t.Fatal(err)
		}
		return pos
	}
	ctx, tr := app.WithTracker(context.Background())
	if _, ok := tr.Last(); ok {
		t.Fatal("a fresh tracker has a position")
	}
	read(ctx)
	second := read(ctx)
	if got, ok := tr.Last(); !ok || got != second {
		t.Fatalf("tracker = %v %v, want the last append %v", got, ok, second)
	}
	read(context.Background())
	if got, _ := tr.Last(); got != second {
		t.Fatalf("an untracked append moved the tracker to %v", got)
	}
	if env.App.Index.Position().Less(second) {
		t.Fatalf("index at %v after an acknowledged append at %v", env.App.Index.Position(), second)
	}
}

// TestSettleReportsAnIndexThatDoesNotCatchUp: an index that is not
// followed makes the acknowledgement report unavailability (the write is
// durable; the client retries a read).
func TestSettleReportsAnIndexThatDoesNotCatchUp(t *testing.T) {
	env := apptest.New(t)
	a := *env.App
	a.WaitTimeout = 1
	err := a.Settle(context.Background(), eventstore.Position{Hi: 0, Lo: 1 << 40})
	if !errors.Is(err, domain.ErrUnavailable) {
		t.Fatalf("Settle beyond the log = %v, want ErrUnavailable", err)
	}
	a.Index = nil
	if err := a.Settle(context.Background(), eventstore.Position{Lo: 1 << 40}); err != nil {
		t.Fatalf("Settle without an index (the CLI) = %v", err)
	}
}

// TestCommitNewWhenTheSubjectGotAKey: when the subject's key was stored
// meanwhile and is no longer cached (an erasure elsewhere purged the
// cache), CommitNew's fresh key is refused by the store, and the records
// are committed with the stored key instead of failing.
func TestCommitNewWhenTheSubjectGotAKey(t *testing.T) {
	ctx := context.Background()
	store, err := essqlite.Open(ctx, filepath.Join(t.TempDir(), "events.db"), essqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	env := apptest.NewOn(t, store)
	const subject = "person-late-key"
	if err := env.App.Keys.Ensure(ctx, subject); err != nil {
		t.Fatal(err)
	}
	stored, err := store.Keys().GetKey(ctx, subject)
	if err != nil {
		t.Fatal(err)
	}
	env.App.Keys.Purge()
	now := env.App.Now()
	pos, err := env.App.CommitNew(ctx, domain.Metadata{Actor: subject, OccurredAt: now}, subject,
		eventstore.Change{Stream: audit.Stream(now), Expected: eventstore.Any,
			Events: []domain.Event{audit.Read{Route: "/test", At: now}}})
	if err != nil {
		t.Fatalf("CommitNew with a stored key not in the cache: %v", err)
	}
	if pos.IsZero() {
		t.Fatal("CommitNew answered no position")
	}
	after, err := store.Keys().GetKey(ctx, subject)
	if err != nil || !bytes.Equal(after, stored) {
		t.Fatalf("the subject's stored key changed (%v): a record may be sealed with a key the store does not keep", err)
	}
}

// gateWaiter is projections that reach a position only once open is
// closed; it records the positions waited for.
type gateWaiter struct {
	mu    sync.Mutex
	asked []eventstore.Position
	open  chan struct{}
}

func (g *gateWaiter) WaitFor(ctx context.Context, pos eventstore.Position) error {
	g.mu.Lock()
	g.asked = append(g.asked, pos)
	g.mu.Unlock()
	select {
	case <-g.open:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *gateWaiter) waits() []eventstore.Position {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.asked)
}

// TestCommandsWaitForTheIndexAndReadsForTheProjections: on a server (an
// index followed) a command is acknowledged once the index has its records,
// without waiting for the projections; Projected, which reads through the
// projections call first, waits until they reach everything the node has
// acknowledged. A one-shot process (no index) waits for the projections
// after each command.
func TestCommandsWaitForTheIndexAndReadsForTheProjections(t *testing.T) {
	env := apptest.New(t, apptest.WithoutProjections())
	gate := &gateWaiter{open: make(chan struct{})}
	build := func(change func(*app.Deps)) *app.App {
		t.Helper()
		d := env.App.Deps
		d.Projections = gate
		change(&d)
		a, err := app.New(d)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := build(func(*app.Deps) {})
	commit := func(a *app.App) eventstore.Position {
		t.Helper()
		now := a.Now()
		pos, err := a.Commit(context.Background(), domain.Metadata{Actor: "admin", OccurredAt: now}, "",
			eventstore.Change{Stream: audit.Stream(now), Expected: eventstore.Any,
				Events: []domain.Event{audit.Read{Route: "/test", At: now}}})
		if err != nil {
			t.Fatal(err)
		}
		return pos
	}
	pos := commit(a) // the gate is shut: returns only if it does not wait for it
	if w := gate.waits(); len(w) != 0 {
		t.Fatalf("a command waited for the projections at %v", w)
	}
	read := make(chan error, 1)
	go func() { read <- a.Projected(context.Background()) }()
	select {
	case err := <-read:
		t.Fatalf("Projected returned (%v) before the projections reached the acknowledged command", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(gate.open)
	if err := <-read; err != nil {
		t.Fatal(err)
	}
	if w := gate.waits(); len(w) != 1 || w[0].Less(pos) {
		t.Fatalf("Projected waited for %v, want the index's position, at or after %v", w, pos)
	}

	cli := build(func(d *app.Deps) { d.Index = nil })
	pos = commit(cli)
	if w := gate.waits(); len(w) != 2 || w[1] != pos {
		t.Fatalf("a one-shot process's command waited for %v, want its position %v", w, pos)
	}
	if err := cli.Projected(context.Background()); err != nil || len(gate.waits()) != 2 {
		t.Fatalf("Projected without an index = %v after %d waits; want no wait", err, len(gate.waits()))
	}
}

// TestNewIDsFollowTheClock: identifiers are valid, distinct, and sort by
// the command clock's time, not by the order they were drawn in.
func TestNewIDsFollowTheClock(t *testing.T) {
	a := apptest.New(t).App
	base := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	times := []time.Duration{3 * time.Second, 0, time.Millisecond, time.Hour, 2 * time.Millisecond}
	type drawn struct {
		at time.Duration
		id string
	}
	var all []drawn
	for _, d := range times {
		a.Clock = func() time.Time { return base.Add(d) }
		ids, err := a.NewIDs(3)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if !domain.ValidID(id) {
				t.Fatalf("%q is not a valid identifier", id)
			}
			all = append(all, drawn{d, id})
		}
		if ids[0][:8] != ids[1][:8] || ids[0] == ids[1] {
			t.Errorf("ids of one call %q, %q: want one time prefix and distinct ids", ids[0], ids[1])
		}
	}
	slices.SortFunc(all, func(x, y drawn) int { return strings.Compare(x.id, y.id) })
	for i := 1; i < len(all); i++ {
		if all[i].at < all[i-1].at {
			t.Errorf("id made at +%v sorts after one made at +%v", all[i-1].at, all[i].at)
		}
	}
}
