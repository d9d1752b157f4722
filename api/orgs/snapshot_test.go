package orgs

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
)

// snapEnv is a memory log with the server's codec, for snapshot tests.
type snapEnv struct {
	store *countingStore
	keys  *eventstore.Keyring
	codec *eventstore.Codec
	dec   domain.Decider[group.State, group.Command]
}

func newSnapEnv() *snapEnv {
	st := &countingStore{Store: memory.New()}
	keys := eventstore.NewKeyring(st.Keys(), eventstore.DeriveKEK([]byte("a test secret of at least thirty-two bytes")))
	return &snapEnv{store: st, keys: keys, codec: eventstore.NewCodec(registry.New(), keys), dec: group.NewDecider()}
}

// countingStore remembers from which version the last ReadStream read.
type countingStore struct {
	*memory.Store
	mu       sync.Mutex
	lastFrom uint64
}

func (c *countingStore) ReadStream(ctx context.Context, stream string, from uint64) ([]eventstore.Record, error) {
	c.mu.Lock()
	c.lastFrom = from
	c.mu.Unlock()
	return c.Store.ReadStream(ctx, stream, from)
}

func (c *countingStore) from() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lastFrom
}

// appendAll appends evs to the group's stream, sealed as the server seals.
func (e *snapEnv) appendAll(t testing.TB, groupID string, evs []domain.Event) {
	t.Helper()
	ctx := context.Background()
	stream := group.Stream(groupID)
	recs, err := e.store.ReadStream(ctx, stream, 0)
	if err != nil {
		t.Fatal(err)
	}
	req := eventstore.AppendRequest{Stream: stream, Expected: eventstore.Exactly(uint64(len(recs)))}
	for _, ev := range evs {
		if inv, ok := ev.(group.InvitationCreated); ok && inv.EmailKey != "" {
			if err := e.keys.Ensure(ctx, inv.EmailKey); err != nil {
				t.Fatal(err)
			}
		}
		d, err := e.codec.Encode(ctx, ev, domain.Metadata{Actor: "p-owner", OccurredAt: time.Now().UTC()}, stream)
		if err != nil {
			t.Fatal(err)
		}
		req.Events = append(req.Events, d)
	}
	if _, err := e.store.Append(ctx, req); err != nil {
		t.Fatal(err)
	}
}

// process is what one server process keeps: a fold cache persisting to
// the store's snapshots after every `after` records.
func (e *snapEnv) process(after int) (*eventstore.FoldCache[group.State], *eventstore.Snapshots[group.State]) {
	sn := eventstore.NewSnapshots(e.store, stateCodec{e.codec}, after, nil)
	return eventstore.NewFoldCache[group.State](16).Persist(sn), sn
}

// load loads the group through cache.
func (e *snapEnv) load(t *testing.T, groupID string, cache *eventstore.FoldCache[group.State]) (group.State, uint64) {
	t.Helper()
	st, v, err := eventstore.LoadCached(context.Background(), e.store, e.codec, e.dec, group.Stream(groupID), cache)
	if err != nil {
		t.Fatal(err)
	}
	return st, v
}

// fold is the full fold, the truth a snapshot must equal.
func (e *snapEnv) fold(t testing.TB, groupID string) (group.State, uint64) {
	t.Helper()
	st, v, err := eventstore.Load(context.Background(), e.store, e.codec, e.dec, group.Stream(groupID))
	if err != nil {
		t.Fatal(err)
	}
	return st, v
}

// stateView is a State as plain values, for comparisons.
type stateView struct {
	ID, Status, Name, Slug, Logo, Metadata string
	CreatedAt, UpdatedAt                   time.Time
	Owners, Count                          int
	Members                                []group.Member
	Invitations                            []group.Invitation
	ByPerson                               map[string]string
}

func viewOf(s group.State) stateView {
	v := stateView{ID: s.ID, Status: s.Status, Name: s.Name, Slug: s.Slug, Logo: s.Logo, Metadata: s.Metadata,
		CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt, Owners: s.Owners(), Count: s.MemberCount(),
		Members: s.Members(), Invitations: s.Invitations(), ByPerson: map[string]string{}}
	for _, m := range v.Members {
		if got, ok := s.MemberOf(m.PersonID); ok {
			v.ByPerson[m.PersonID] = got.ID
		}
	}
	return v
}

// history makes a random organization history of about n events that a
// decider could have produced: unique people, role changes, removals,
// invitations (sealed with an invitee key or the group's) and their
// outcomes, updates, and sometimes a deletion at the end.
func history(r *rand.Rand, groupID string, n int) []domain.Event {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tick := func() time.Time { at = at.Add(time.Duration(1+r.IntN(5000)) * time.Millisecond); return at }
	evs := []domain.Event{group.Created{GroupID: groupID, Name: "Org", Slug: "org-" + groupID, Actor: "p-owner", At: tick()},
		group.MemberAdded{GroupID: groupID, MemberID: "m-owner", PersonID: "p-owner", Role: "owner", Actor: "p-owner", At: tick()}}
	var members, invitations []string
	roles := []string{"member", "admin", "owner", "member,admin"}
	for i := 0; len(evs) < n; i++ {
		switch k := r.IntN(10); {
		case k < 5:
			id := fmt.Sprintf("m-%d", i)
			evs = append(evs, group.MemberAdded{GroupID: groupID, MemberID: id, PersonID: fmt.Sprintf("p-%d", i),
				Role: roles[r.IntN(len(roles))], Actor: "p-owner", At: tick()})
			members = append(members, id)
		case k == 5 && len(members) > 0:
			evs = append(evs, group.MemberRoleChanged{GroupID: groupID, MemberID: members[r.IntN(len(members))],
				Role: roles[r.IntN(len(roles))], Actor: "p-owner", At: tick()})
		case k == 6 && len(members) > 0:
			j := r.IntN(len(members))
			evs = append(evs, group.MemberRemoved{GroupID: groupID, MemberID: members[j], Actor: "p-owner", At: tick()})
			members = append(members[:j], members[j+1:]...)
		case k == 7:
			id := fmt.Sprintf("i-%d", i)
			inv := group.InvitationCreated{GroupID: groupID, InvitationID: id, Email: fmt.Sprintf("guest%d@example.test", i),
				Role: "member", Actor: "p-owner", ExpiresAt: at.Add(48 * time.Hour), At: tick()}
			if r.IntN(3) > 0 {
				inv.EmailKey = fmt.Sprintf("%sk%d", group.InviteeKeyPrefix, i)
			}
			evs = append(evs, inv)
			invitations = append(invitations, id)
		case k == 8 && len(invitations) > 0:
			j := r.IntN(len(invitations))
			id := invitations[j]
			switch r.IntN(3) {
			case 0:
				evs = append(evs, group.InvitationResent{GroupID: groupID, InvitationID: id, ExpiresAt: tick().Add(time.Hour), At: at})
			case 1:
				evs = append(evs, group.InvitationCanceled{GroupID: groupID, InvitationID: id, At: tick()})
				invitations = append(invitations[:j], invitations[j+1:]...)
			default:
				evs = append(evs, group.InvitationExpired{GroupID: groupID, InvitationID: id, At: tick()})
				invitations = append(invitations[:j], invitations[j+1:]...)
			}
		case k == 9:
			evs = append(evs, group.Updated{GroupID: groupID, SetName: true, Name: fmt.Sprintf("Org %d", i),
				SetMetadata: r.IntN(2) == 0, Metadata: `{"n":1}`, Actor: "p-owner", At: tick()})
		}
	}
	if r.IntN(8) == 0 {
		evs = append(evs, group.Deleted{GroupID: groupID, Slug: "org-" + groupID, Actor: "p-owner", At: tick()})
	}
	return evs
}

// TestSnapshotEqualsFold: over random histories, a new process that loads
// from the snapshot (and the records after it) gets the full fold's state,
// and reads the log only from the snapshot's version on.
func TestSnapshotEqualsFold(t *testing.T) {
	for seed := range uint64(40) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 1))
			e := newSnapEnv()
			gid := fmt.Sprintf("g%d", seed)
			evs := history(r, gid, 2+r.IntN(300))
			cut := 1 + r.IntN(len(evs))
			e.appendAll(t, gid, evs[:cut])

			first, sn := e.process(1)
			e.load(t, gid, first) // writes the snapshot
			sn.Wait()
			snap, err := e.store.GetSnapshot(context.Background(), group.Stream(gid))
			if err != nil {
				t.Fatalf("no snapshot after the first load: %v", err)
			}
			if cut < len(evs) {
				e.appendAll(t, gid, evs[cut:])
			}

			restarted, _ := e.process(1 << 20)
			got, gotV := e.load(t, gid, restarted)
			if from := e.store.from(); from != snap.Version {
				t.Errorf("the restarted load read from version %d, want the snapshot's %d", from, snap.Version)
			}
			want, wantV := e.fold(t, gid)
			if gotV != wantV {
				t.Errorf("version %d, want %d", gotV, wantV)
			}
			if d := cmp.Diff(viewOf(want), viewOf(got)); d != "" {
				t.Fatalf("snapshot load differs from the fold (-fold +snapshot):\n%s", d)
			}
		})
	}
}

// TestSnapshotFallsBack: a snapshot of another format, one that does not
// decode, and one whose record is not the log's are ignored: the load
// folds the whole stream and gets the same state.
func TestSnapshotFallsBack(t *testing.T) {
	e := newSnapEnv()
	evs := history(rand.New(rand.NewPCG(7, 7)), "gf", 50)
	e.appendAll(t, "gf", evs)
	want, wantV := e.fold(t, "gf")
	good, err := stateCodec{e.codec}.Encode(context.Background(), want)
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := e.store.ReadStream(context.Background(), group.Stream("gf"), 0)
	last := recs[len(recs)-1]
	for _, c := range []struct {
		name string
		snap eventstore.Snapshot
	}{
		{"other format", eventstore.Snapshot{Version: wantV, RecordID: last.ID, Format: "group.state/cbor/0", Data: good}},
		{"garbage", eventstore.Snapshot{Version: wantV, RecordID: last.ID, Format: snapshotFormat, Data: []byte{0x9f, 0x01}}},
		{"truncated", eventstore.Snapshot{Version: wantV, RecordID: last.ID, Format: snapshotFormat, Data: good[:len(good)/2]}},
		{"foreign record", eventstore.Snapshot{Version: wantV, RecordID: "another-log", Format: snapshotFormat, Data: good}},
		{"beyond the log", eventstore.Snapshot{Version: wantV + 5, RecordID: last.ID, Format: snapshotFormat, Data: good}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := e.store.DropSnapshots(context.Background()); err != nil {
				t.Fatal(err)
			}
			c.snap.Stream = group.Stream("gf")
			if err := e.store.PutSnapshot(context.Background(), c.snap); err != nil {
				t.Fatal(err)
			}
			cache, _ := e.process(1 << 20)
			got, gotV := e.load(t, "gf", cache)
			if from := e.store.from(); from > 1 {
				t.Errorf("the load read from version %d, want the whole stream", from)
			}
			if d := cmp.Diff(viewOf(want), viewOf(got)); d != "" || gotV != wantV {
				t.Fatalf("fallback load differs (version %d, want %d):\n%s", gotV, wantV, d)
			}
		})
	}
}

// TestSnapshotErasure: an organization is snapshotted with a pending
// invitation to the needle address, sealed with the invitee's key. The
// snapshot bytes never hold the address in the clear; once the invitee
// is erased (the key destroyed), the sealed copy no longer opens, the
// organization still loads from the snapshot, and it shows the invitation
// as erased, exactly as the fold does.
func TestSnapshotErasure(t *testing.T) {
	ctx := context.Background()
	const needle = "needle.person@example.test"
	const inviteeKey = group.InviteeKeyPrefix + "needlekey"
	e := newSnapEnv()
	evs := history(rand.New(rand.NewPCG(3, 3)), "ge", 40)
	if _, deleted := evs[len(evs)-1].(group.Deleted); deleted {
		evs = evs[:len(evs)-1]
	}
	evs = append(evs, group.InvitationCreated{GroupID: "ge", InvitationID: "i-needle", Email: needle, EmailKey: inviteeKey,
		Role: "member", Actor: "p-owner", ExpiresAt: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		At: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	e.appendAll(t, "ge", evs)

	first, sn := e.process(1)
	before, _ := e.load(t, "ge", first)
	if inv, ok := before.Invitation("i-needle"); !ok || inv.Email != needle {
		t.Fatalf("before the erasure the invitation is %+v, %v", inv, ok)
	}
	sn.Wait()
	snap, err := e.store.GetSnapshot(ctx, group.Stream("ge"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(snap.Data, []byte(needle)) || bytes.Contains(snap.Data, []byte("needle.person")) {
		t.Fatal("the snapshot holds the address in the clear")
	}
	var raw stateSnapshot
	if err := snapDec.Unmarshal(snap.Data, &raw); err != nil {
		t.Fatal(err)
	}
	sealed := sealedEmailOf(t, raw, "i-needle")

	if err := e.keys.Forget(ctx, inviteeKey); err != nil { // the erasure destroys the invitee's key
		t.Fatal(err)
	}
	if _, ok, err := e.codec.OpenField(ctx, inviteeKey, emailField("ge", "i-needle"), sealed); ok || err != nil {
		t.Fatalf("the snapshot's sealed address still opens after the erasure (ok %v, err %v)", ok, err)
	}
	restarted, _ := e.process(1 << 20)
	got, _ := e.load(t, "ge", restarted)
	if from := e.store.from(); from != snap.Version {
		t.Errorf("the load after the erasure read from version %d, want the snapshot's %d", from, snap.Version)
	}
	inv, ok := got.Invitation("i-needle")
	if !ok || inv.Email != "" || !inv.EmailErased {
		t.Fatalf("after the erasure the snapshot's invitation is %+v, %v; want erased", inv, ok)
	}
	want, _ := e.fold(t, "ge")
	if d := cmp.Diff(viewOf(want), viewOf(got)); d != "" {
		t.Fatalf("after the erasure the snapshot load differs from the fold:\n%s", d)
	}
	// A snapshot written now holds no copy at all.
	fresh, err := stateCodec{e.codec}.Encode(ctx, got)
	if err != nil {
		t.Fatal(err)
	}
	var again stateSnapshot
	if err := snapDec.Unmarshal(fresh, &again); err != nil {
		t.Fatal(err)
	}
	if s := sealedEmailOf(t, again, "i-needle"); s != "" {
		t.Fatalf("a snapshot of the erased state still holds a sealed address %q", s)
	}
}

func sealedEmailOf(t *testing.T, s stateSnapshot, invitationID string) string {
	t.Helper()
	for _, is := range s.Invitations {
		if is.ID == invitationID {
			return is.SealedEmail
		}
	}
	t.Fatalf("invitation %s not in the snapshot", invitationID)
	return ""
}

// TestSnapshotSealedWithoutCreatingKeys: a state whose invitee key is gone
// (destroyed between the fold and the write) is not snapshotted: sealing
// never creates a fresh key that an erasure would not reach.
func TestSnapshotSealedWithoutCreatingKeys(t *testing.T) {
	ctx := context.Background()
	e := newSnapEnv()
	e.appendAll(t, "gk", []domain.Event{
		group.Created{GroupID: "gk", Name: "K", Slug: "k", Actor: "p-owner", At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		group.InvitationCreated{GroupID: "gk", InvitationID: "i1", Email: "a@example.test", EmailKey: group.InviteeKeyPrefix + "a",
			Role: "member", Actor: "p-owner", At: time.Date(2026, 1, 1, 0, 0, 1, 0, time.UTC)},
	})
	st, _ := e.fold(t, "gk")
	if err := e.keys.Forget(ctx, group.InviteeKeyPrefix+"a"); err != nil {
		t.Fatal(err)
	}
	if _, err := (stateCodec{e.codec}).Encode(ctx, st); err == nil {
		t.Fatal("a state was sealed under a destroyed key")
	}
	if _, err := e.store.Keys().GetKey(ctx, group.InviteeKeyPrefix+"a"); err == nil {
		t.Fatal("encoding a snapshot created a key")
	}
}

// TestSnapshotRefusesTimesNotUTC: a state whose times are not UTC is not
// snapshotted, since the decoded state would show them in UTC.
func TestSnapshotRefusesTimesNotUTC(t *testing.T) {
	st := group.Evolve(group.State{}, group.Created{GroupID: "gz", Name: "Z", Slug: "z",
		At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("X", 3600))})
	if _, err := (stateCodec{newSnapEnv().codec}).Encode(context.Background(), st); err == nil {
		t.Fatal("a time with an offset was encoded")
	}
}

// FuzzSnapshotDecode: the bytes come from the database. Decode must never
// panic, and what it accepts must encode and decode to the same state.
func FuzzSnapshotDecode(f *testing.F) {
	e := newSnapEnv()
	c := stateCodec{e.codec}
	for seed := range uint64(4) {
		gid := fmt.Sprintf("gz%d", seed)
		e.appendAll(f, gid, history(rand.New(rand.NewPCG(seed, 9)), gid, 20))
		st, _ := e.fold(f, gid)
		b, err := c.Encode(context.Background(), st)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add([]byte{0x80})
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := c.Decode(context.Background(), b)
		if err != nil {
			return
		}
		again, err := c.Encode(context.Background(), st)
		if err != nil {
			return // e.g. a sealed email whose key does not exist
		}
		st2, err := c.Decode(context.Background(), again)
		if err != nil {
			t.Fatalf("a re-encoded snapshot does not decode: %v", err)
		}
		if d := cmp.Diff(viewOf(st), viewOf(st2)); d != "" {
			t.Fatalf("re-encoding changed the state:\n%s", d)
		}
	})
}
