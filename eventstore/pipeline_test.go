package eventstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// errRefused is the test decider's refusal.
var errRefused = domain.Errorf(domain.CodeForbidden, "refused")

// listDecider keeps the emails signed up on a stream. Its command is an
// email: "" is refused without events, "refuse" is refused with an audit
// event (noPII), an email already listed is a no-op.
func listDecider() domain.Decider[[]string, string] {
	return domain.Decider[[]string, string]{
		Decide: func(st []string, email string) ([]domain.Event, error) {
			switch email {
			case "":
				return nil, errRefused
			case "refuse":
				return []domain.Event{noPII{SessionID: "audit"}}, errRefused
			}
			for _, e := range st {
				if e == email {
					return nil, nil
				}
			}
			return []domain.Event{signedUp{Email: email}}, nil
		},
		Evolve: func(st []string, ev domain.Event) []string {
			if e, ok := ev.(signedUp); ok {
				return append(append([]string(nil), st...), e.Email)
			}
			return st
		},
	}
}

// pipelineFixture is a memory store, its codec and a pipeline whose
// Committed hook counts calls and remembers the last position.
type pipelineFixture struct {
	fixture
	p         *eventstore.Pipeline
	committed atomic.Int64
	last      atomic.Pointer[eventstore.Position]
}

func newPipeline(t *testing.T) *pipelineFixture {
	f := &pipelineFixture{fixture: newFixture(t)}
	f.p = &eventstore.Pipeline{Store: f.store, Codec: f.codec, Committed: func(_ context.Context, pos eventstore.Position) error {
		f.committed.Add(1)
		f.last.Store(&pos)
		return nil
	}}
	return f
}

func (f *pipelineFixture) add(email string) eventstore.Command[[]string, string] {
	return eventstore.Command[[]string, string]{Decider: listDecider(), Stream: "list-1", KeyRef: "k",
		Build: func([]string) (string, error) { return email, nil }}
}

func (f *pipelineFixture) types(t *testing.T) []string {
	t.Helper()
	recs, err := f.store.ReadAll(context.Background(), eventstore.Position{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		out = append(out, r.Stream+":"+r.Type)
	}
	return out
}

func TestHandleOutcomes(t *testing.T) {
	tests := []struct {
		name          string
		given         []string // emails added first
		when          string
		wantErr       error
		wantAppended  int // records this command wrote
		wantCommitted int64
		wantState     int
	}{
		{"accepted", nil, "a@x.io", nil, 1, 1, 1},
		{"refused without events appends nothing", []string{"a@x.io"}, "", errRefused, 0, 0, 1},
		{"refused with an audit event appends it", []string{"a@x.io"}, "refuse", errRefused, 1, 1, 1},
		{"no-op appends nothing", []string{"a@x.io"}, "a@x.io", nil, 0, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newPipeline(t)
			ctx := context.Background()
			for _, e := range tt.given {
				if _, err := eventstore.Handle(ctx, f.p, f.add(e)); err != nil {
					t.Fatal(err)
				}
			}
			before, committed := len(f.types(t)), f.committed.Load()
			out, err := eventstore.Handle(ctx, f.p, f.add(tt.when))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Handle err = %v, want %v", err, tt.wantErr)
			}
			if got := len(f.types(t)) - before; got != tt.wantAppended {
				t.Errorf("appended %d records, want %d", got, tt.wantAppended)
			}
			if got := f.committed.Load() - committed; got != tt.wantCommitted {
				t.Errorf("Committed ran %d times, want %d", got, tt.wantCommitted)
			}
			if len(out.State) != tt.wantState {
				t.Errorf("outcome state = %v, want %d emails", out.State, tt.wantState)
			}
			if tt.wantAppended > 0 && (out.Position.IsZero() || *f.last.Load() != out.Position) {
				t.Errorf("outcome position %v, committed %v", out.Position, f.last.Load())
			}
		})
	}
}

func TestHandleWithClaimsAndOtherStreams(t *testing.T) {
	f := newPipeline(t)
	ctx := context.Background()
	withClaim := func(email, key string) eventstore.Command[[]string, string] {
		cmd := f.add(email)
		cmd.Stream = "list-" + email
		cmd.With = func(_ []string, evs []domain.Event) ([]eventstore.Change, error) {
			if len(evs) != 1 {
				return nil, fmt.Errorf("With saw %d events", len(evs))
			}
			return []eventstore.Change{
				{Stream: cmd.Stream, Claims: []eventstore.Claim{{Kind: "email", Key: key, Owner: cmd.Stream}}},
				{Stream: "other-" + email, Expected: eventstore.NoStream, Events: []domain.Event{noPII{SessionID: email}}},
			}, nil
		}
		return cmd
	}
	if _, err := eventstore.Handle(ctx, f.p, withClaim("a", "k1")); err != nil {
		t.Fatal(err)
	}
	owner, err := f.store.LookupClaim(ctx, "email", "k1")
	if err != nil || owner != "list-a" {
		t.Fatalf("claim owner = %q, %v; want list-a", owner, err)
	}
	_, err = eventstore.Handle(ctx, f.p, withClaim("b", "k1"))
	if !errors.Is(err, eventstore.ErrClaimTaken) {
		t.Fatalf("second claim of k1 = %v, want ErrClaimTaken", err)
	}
	want := []string{"list-a:test.signed_up", "other-a:test.no_pii"}
	if got := f.types(t); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("log = %v, want %v (nothing of the refused claim)", got, want)
	}
}

func TestHandleRetriesAConcurrentWriter(t *testing.T) {
	f := newPipeline(t)
	ctx := context.Background()
	var builds int
	cmd := f.add("mine@x.io")
	cmd.Build = func(st []string) (string, error) {
		builds++
		if builds == 1 { // another writer moves the stream between load and append
			if _, err := eventstore.Handle(ctx, f.p, f.add("theirs@x.io")); err != nil {
				return "", err
			}
		}
		return "mine@x.io", nil
	}
	out, err := eventstore.Handle(ctx, f.p, cmd)
	if err != nil {
		t.Fatal(err)
	}
	if builds != 2 || fmt.Sprint(out.State) != "[theirs@x.io mine@x.io]" || out.Version != 2 {
		t.Fatalf("builds = %d, state = %v at v%d; want a second decision on the new state", builds, out.State, out.Version)
	}
}

func TestHandleGivesUpAfterTheAttempts(t *testing.T) {
	f := newPipeline(t)
	f.p.Attempts = 3
	ctx := context.Background()
	var builds int
	cmd := f.add("mine@x.io")
	cmd.Build = func([]string) (string, error) {
		builds++
		_, err := eventstore.Handle(ctx, f.p, f.add(fmt.Sprintf("theirs%d@x.io", builds)))
		return "mine@x.io", err
	}
	_, err := eventstore.Handle(ctx, f.p, cmd)
	var de *domain.Error
	if !errors.Is(err, eventstore.ErrConflict) || !errors.As(err, &de) || de.Code != domain.CodeConflict {
		t.Fatalf("err = %v, want ErrConflict with code CONFLICT", err)
	}
	if builds != 3 {
		t.Fatalf("built %d times, want 3 attempts", builds)
	}
}

func TestCommittedErrorIsReturnedAfterADurableWrite(t *testing.T) {
	f := newPipeline(t)
	boom := errors.New("index behind")
	f.p.Committed = func(context.Context, eventstore.Position) error { return boom }
	if _, err := eventstore.Handle(context.Background(), f.p, f.add("a@x.io")); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the Committed error", err)
	}
	if got := f.types(t); len(got) != 1 {
		t.Fatalf("log = %v, want the write kept", got)
	}
}

func TestDecideReturnsTheChangeAtTheReadVersion(t *testing.T) {
	f := newPipeline(t)
	ctx := context.Background()
	for _, e := range []string{"a", "b"} {
		if _, err := eventstore.Handle(ctx, f.p, f.add(e)); err != nil {
			t.Fatal(err)
		}
	}
	st, ch, err := eventstore.Decide(ctx, f.p, listDecider(), "list-1", func([]string) string { return "c" })
	if err != nil || len(st) != 2 || ch.Expected != eventstore.Exactly(2) || len(ch.Events) != 1 || ch.Stream != "list-1" {
		t.Fatalf("Decide = %v, %+v, %v", st, ch, err)
	}
	if _, err := f.p.Commit(ctx, domain.Metadata{}, "k", ch); err != nil {
		t.Fatal(err)
	}
	if _, err := f.p.Commit(ctx, domain.Metadata{}, "k", ch); !errors.Is(err, eventstore.ErrWrongExpectedVersion) {
		t.Fatalf("committing a stale change = %v, want ErrWrongExpectedVersion", err)
	}
}

func TestCommitOfNothingWritesNothing(t *testing.T) {
	f := newPipeline(t)
	pos, err := f.p.Commit(context.Background(), domain.Metadata{}, "", eventstore.Change{Stream: "x"})
	if err != nil || !pos.IsZero() || f.committed.Load() != 0 {
		t.Fatalf("Commit(empty) = %v, %v, committed %d", pos, err, f.committed.Load())
	}
}

func TestDecideCheckedRefusesBeforeTheDecider(t *testing.T) {
	f := newPipeline(t)
	boom := domain.Errorf(domain.CodeForbidden, "bad assertion")
	_, ch, err := eventstore.DecideChecked(context.Background(), f.p, listDecider(), "list-1",
		func([]string) (string, error) { return "", boom })
	if !errors.Is(err, boom) || len(ch.Events) != 0 || ch.Stream != "" {
		t.Fatalf("DecideChecked = %+v, %v; want the build error and an empty change", ch, err)
	}
}
