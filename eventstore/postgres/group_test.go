package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/postgres"
)

// appendResult is what one Append call returned.
type appendResult struct {
	pos eventstore.Position
	err error
}

// blockWriter occupies the store's only writer (Options.Writers = 1): a
// held transaction locks stream "gate", and an Append to "gate" waits for
// that lock inside the writer, so appends made meanwhile queue up and share
// the next group transaction. release lets both finish.
func blockWriter(t *testing.T, s *postgres.Store, url string) (release func()) {
	t.Helper()
	unhold, held := holdAppend(t, s, req("gate", eventstore.Any, 1))
	gated := make(chan error, 1)
	go func() {
		_, err := s.Append(ctxT(t), req("gate", eventstore.Any, 1))
		gated <- err
	}()
	admin := adminConn(t, url)
	waitUntil(t, "the writer waits for the gate lock", func() bool {
		var waiting int
		err := admin.QueryRow(ctxT(t), `SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = $1`, s.AppName()).Scan(&waiting)
		return err == nil && waiting > 0
	})
	return func() {
		close(unhold)
		for _, c := range []chan error{held, gated} {
			if err := <-c; err != nil {
				t.Errorf("gate append: %v", err)
			}
		}
	}
}

// enqueue starts an Append and waits until it sits in the writers' queue,
// so that calls join the group in the order they are enqueued.
func enqueue(ctx context.Context, t *testing.T, s *postgres.Store, reqs ...eventstore.AppendRequest) <-chan appendResult {
	t.Helper()
	return enqueueCall(t, s, func() (eventstore.Position, error) { return s.Append(ctx, reqs...) })
}

// enqueueCall is enqueue for any call that appends through the writers.
func enqueueCall(t *testing.T, s *postgres.Store, call func() (eventstore.Position, error)) <-chan appendResult {
	t.Helper()
	before := s.Queued()
	res := make(chan appendResult, 1)
	go func() {
		pos, err := call()
		res <- appendResult{pos, err}
	}()
	waitUntil(t, "the append is queued", func() bool {
		select {
		case r := <-res:
			t.Fatalf("Append returned before queueing: %v", r.err)
		default:
		}
		return s.Queued() > before
	})
	return res
}

func claimReq(stream, key string) eventstore.AppendRequest {
	r := req(stream, eventstore.NoStream, 1)
	r.Claims = []eventstore.Claim{{Kind: "email", Key: key, Owner: stream}}
	return r
}

// TestGroupCommitIsolatesConflicts: calls committed in one transaction see
// each other's writes; a call that fails a check, whether in the merged
// statement or in its own savepoint, fails alone, and the rest commit
// together.
func TestGroupCommitIsolatesConflicts(t *testing.T) {
	url := testURL(t)
	s, _ := newStore(t, postgres.Options{Writers: 1})
	ctx := ctxT(t)
	mustAppend(t, s, req("y", eventstore.NoStream, 2))
	release := blockWriter(t, s, url)

	calls := []struct {
		name string
		reqs []eventstore.AppendRequest
		want error
	}{
		{"a: x from nothing", []eventstore.AppendRequest{req("x", eventstore.NoStream, 1)}, nil},
		{"b: x from nothing again", []eventstore.AppendRequest{req("x", eventstore.NoStream, 1)}, eventstore.ErrWrongExpectedVersion},
		{"c: new stream, then x at 0", []eventstore.AppendRequest{req("c", eventstore.NoStream, 1), req("x", eventstore.Exactly(0), 1)},
			eventstore.ErrWrongExpectedVersion},
		{"d: x at 1", []eventstore.AppendRequest{req("x", eventstore.Exactly(1), 1)}, nil},
		{"e: claim k", []eventstore.AppendRequest{claimReq("e", "k")}, nil},
		{"f: claim k too", []eventstore.AppendRequest{claimReq("f", "k")}, eventstore.ErrClaimTaken},
		{"g: y at 5", []eventstore.AppendRequest{req("y", eventstore.Exactly(5), 1)}, eventstore.ErrWrongExpectedVersion},
		{"h: new stream, then y at 1", []eventstore.AppendRequest{req("y-other", eventstore.NoStream, 1), req("y", eventstore.Exactly(1), 1)},
			eventstore.ErrWrongExpectedVersion},
		{"i: z from nothing", []eventstore.AppendRequest{req("z", eventstore.NoStream, 3)}, nil},
	}
	var results []<-chan appendResult
	for _, c := range calls {
		results = append(results, enqueue(ctx, t, s, c.reqs...))
	}
	release()

	names, wants := make([]string, len(calls)), make([]error, len(calls))
	for i, c := range calls {
		names[i], wants[i] = c.name, c.want
	}
	groupOutcome(t, results, names, wants)
	checkStream(t, s, "x", 2)
	checkStream(t, s, "y", 2)
	checkStream(t, s, "z", 3)
	for _, stream := range []string{"c", "f", "y-other"} {
		checkStream(t, s, stream, 0)
	}
	if owner, err := s.LookupClaim(ctx, "email", "k"); err != nil || owner != "e" {
		t.Errorf("LookupClaim = %q, %v; want e", owner, err)
	}
}

// TestGroupCommitMergedChecksEachVersion: a group of single-request calls
// on distinct streams is one statement; every kind of expected version is
// checked per call there, a failed check fails its call alone, and each
// successful call gets the position of its own last record.
func TestGroupCommitMergedChecksEachVersion(t *testing.T) {
	url := testURL(t)
	s, _ := newStore(t, postgres.Options{Writers: 1})
	ctx := ctxT(t)
	for _, stream := range []string{"any-old", "none-old", "exists-old", "at-2", "at-3"} {
		mustAppend(t, s, req(stream, eventstore.NoStream, 2))
	}
	release := blockWriter(t, s, url)

	calls := []struct {
		req  eventstore.AppendRequest
		want error
		size int // records in the stream afterwards
	}{
		{req("any-new", eventstore.Any, 2), nil, 2},
		{req("any-old", eventstore.Any, 1), nil, 3},
		{req("none-new", eventstore.NoStream, 3), nil, 3},
		{req("none-old", eventstore.NoStream, 1), eventstore.ErrWrongExpectedVersion, 2},
		{req("exists-old", eventstore.StreamExists, 1), nil, 3},
		{req("exists-new", eventstore.StreamExists, 1), eventstore.ErrWrongExpectedVersion, 0},
		{req("at-2", eventstore.Exactly(2), 2), nil, 4},
		{req("at-3", eventstore.Exactly(3), 1), eventstore.ErrWrongExpectedVersion, 2},
		{req("at-1-new", eventstore.Exactly(1), 1), eventstore.ErrWrongExpectedVersion, 0},
	}
	var results []<-chan appendResult
	for _, c := range calls {
		results = append(results, enqueue(ctx, t, s, c.req))
	}
	release()

	for i, c := range calls {
		r := <-results[i]
		if !errors.Is(r.err, c.want) || (r.err == nil) != (c.want == nil) {
			t.Errorf("append to %s = %v, want %v", c.req.Stream, r.err, c.want)
		}
		checkStream(t, s, c.req.Stream, c.size)
		if r.err != nil {
			continue
		}
		recs, err := s.ReadStream(ctx, c.req.Stream, 0)
		if err != nil {
			t.Fatalf("ReadStream(%q): %v", c.req.Stream, err)
		}
		if last := recs[len(recs)-1].Position; r.pos != last {
			t.Errorf("append to %s returned %v, its last record is at %v", c.req.Stream, r.pos, last)
		}
	}
}

// TestGroupCommitFallsBackWhenMergedFails: text PostgreSQL cannot store
// fails the statement that appends for several calls at once; the group is
// run again call by call, and only the bad call fails.
func TestGroupCommitFallsBackWhenMergedFails(t *testing.T) {
	url := testURL(t)
	s, _ := newStore(t, postgres.Options{Writers: 1})
	ctx := ctxT(t)
	release := blockWriter(t, s, url)
	bad := req("bad", eventstore.NoStream, 1)
	bad.Events[0].Type = "x.\xff"
	good := enqueue(ctx, t, s, req("good", eventstore.NoStream, 1))
	failed := enqueue(ctx, t, s, bad)
	other := enqueue(ctx, t, s, req("other", eventstore.NoStream, 2))
	release()
	for name, c := range map[string]<-chan appendResult{"good": good, "other": other} {
		if r := <-c; r.err != nil {
			t.Errorf("append %s = %v, want success", name, r.err)
		}
	}
	if r := <-failed; !errors.Is(r.err, eventstore.ErrInvalidAppend) {
		t.Errorf("bad append = %v, want ErrInvalidAppend", r.err)
	}
	checkStream(t, s, "good", 1)
	checkStream(t, s, "other", 2)
	checkStream(t, s, "bad", 0)
}

// TestCancelWhileQueuedWritesNothing: a caller whose context ends while its
// append waits for a writer gets ctx.Err() and nothing is written.
func TestCancelWhileQueuedWritesNothing(t *testing.T) {
	url := testURL(t)
	s, _ := newStore(t, postgres.Options{Writers: 1})
	release := blockWriter(t, s, url)
	ctx, cancel := context.WithCancel(ctxT(t))
	res := enqueue(ctx, t, s, claimReq("w", "k"))
	cancel()
	if r := <-res; !errors.Is(r.err, context.Canceled) {
		t.Errorf("Append = %v, want context.Canceled", r.err)
	}
	release()
	checkStream(t, s, "w", 0)
	if _, err := s.LookupClaim(ctxT(t), "email", "k"); !errors.Is(err, eventstore.ErrClaimNotFound) {
		t.Errorf("LookupClaim = %v, want ErrClaimNotFound", err)
	}
	// The writer goes on: a later append is committed.
	mustAppend(t, s, req("w", eventstore.NoStream, 1))
	checkStream(t, s, "w", 1)
}

// checkStream fails unless stream holds n records, versions 1..n.
func checkStream(t *testing.T, s *postgres.Store, stream string, n int) {
	t.Helper()
	recs, err := s.ReadStream(ctxT(t), stream, 0)
	if err != nil {
		t.Fatalf("ReadStream(%q): %v", stream, err)
	}
	if len(recs) != n {
		t.Fatalf("stream %q has %d records, want %d", stream, len(recs), n)
	}
	for i, r := range recs {
		if r.Version != uint64(i+1) {
			t.Errorf("stream %q record %d has version %d", stream, i, r.Version)
		}
	}
}

// TestGroupCommitKeyed: keyed appends share a group transaction with plain
// ones; each sees the keys stored before it in the group, and one whose
// subject holds another key (stored before the group or earlier in it)
// fails alone, writing neither key nor records.
func TestGroupCommitKeyed(t *testing.T) {
	url := testURL(t)
	s, _ := newStore(t, postgres.Options{Writers: 1})
	ctx := ctxT(t)
	if _, err := s.Keys().PutKey(ctx, "held", []byte("older")); err != nil {
		t.Fatal(err)
	}
	release := blockWriter(t, s, url)
	key := func(subject, wrapped string) []eventstore.NewKey {
		return []eventstore.NewKey{{Subject: subject, Wrapped: []byte(wrapped)}}
	}
	calls := []struct {
		name   string
		keys   []eventstore.NewKey // nil: a plain Append
		stream string
		want   error
	}{
		{"a: new key", key("p-a", "key a"), "ka", nil},
		{"b: subject holds another key", key("held", "newer"), "kb", eventstore.ErrKeyExists},
		{"c: plain append", nil, "kc", nil},
		{"d: a's key again", key("p-a", "key a"), "kd", nil},
		{"e: another key for a's subject", key("p-a", "not a"), "ke", eventstore.ErrKeyExists},
	}
	var results []<-chan appendResult
	for _, c := range calls {
		r := req(c.stream, eventstore.NoStream, 1)
		if c.keys == nil {
			results = append(results, enqueue(ctx, t, s, r))
			continue
		}
		results = append(results, enqueueCall(t, s, func() (eventstore.Position, error) { return s.AppendKeyed(ctx, c.keys, r) }))
	}
	release()
	names, wants := make([]string, len(calls)), make([]error, len(calls))
	for i, c := range calls {
		names[i], wants[i] = c.name, c.want
	}
	for i, ok := range groupOutcome(t, results, names, wants) {
		want := 0
		if ok {
			want = 1
		}
		checkStream(t, s, calls[i].stream, want)
	}
	for subject, want := range map[string]string{"p-a": "key a", "held": "older"} {
		if got, err := s.Keys().GetKey(ctx, subject); err != nil || string(got) != want {
			t.Errorf("key of %s = %q, %v; want %q", subject, got, err, want)
		}
	}
}

// groupOutcome reads the results of calls enqueued into one group, checks
// each against its wanted error, and checks that those that committed
// share one transaction; it reports which committed.
func groupOutcome(t *testing.T, results []<-chan appendResult, names []string, wants []error) []bool {
	t.Helper()
	ok := make([]bool, len(results))
	var committed []eventstore.Position
	for i, res := range results {
		r := <-res
		if !errors.Is(r.err, wants[i]) || (r.err == nil) != (wants[i] == nil) {
			t.Errorf("append %s = %v, want %v", names[i], r.err, wants[i])
		}
		if ok[i] = r.err == nil; ok[i] {
			committed = append(committed, r.pos)
		}
	}
	for _, p := range committed[1:] {
		if p.Hi != committed[0].Hi {
			t.Errorf("committed positions %v are not all of one transaction", committed)
			break
		}
	}
	return ok
}
