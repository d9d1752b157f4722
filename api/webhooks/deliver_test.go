package webhooks_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authledger/authledger/api/metricstest"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/api/webhooks"
	"github.com/authledger/authledger/domain/webhookendpoint"
	"github.com/authledger/authledger/eventstore"
)

var zeroPos eventstore.Position

// deliverer returns a deliverer over f with the recorder, the sleeper
// and no jitter, and starts it; the returned function stops it.
func (f *fixture) run(rec *recorder, sl *sleeper, tune func(*webhooks.Deliverer)) (*webhooks.Deliverer, func()) {
	d := &webhooks.Deliverer{Service: f.svc, Read: f.read, Sender: rec, Now: f.Clock.Now, Sleep: sl.Sleep,
		Jitter: func(d time.Duration) time.Duration { return d }, Poll: 10 * time.Millisecond,
		Retry: outbox.Retry{Initial: time.Second, Max: 4 * time.Second}, Metrics: &webhooks.Metrics{}}
	if tune != nil {
		tune(d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	return d, func() {
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			f.t.Errorf("Run = %v, want context.Canceled", err)
		}
	}
}

// subscribed are the ids of the log's person.* records, in order.
func (f *fixture) subscribed() []string {
	recs, err := f.Store.ReadAll(context.Background(), zeroPos, 1000)
	if err != nil {
		f.t.Fatal(err)
	}
	var ids []string
	for _, r := range recs {
		if strings.HasPrefix(r.Type, "person.") {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func ids(ms []sent) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

// TestDeliversInOrderRetryingWithBackoff: a failing first event is
// retried on the documented schedule, the later ones wait behind it, and
// every attempt is recorded beside the checkpoint.
func TestDeliversInOrderRetryingWithBackoff(t *testing.T) {
	f := newFixture(t, nil)
	ep := f.create(false)
	f.signUp("ann@example.com", "Ann")
	f.signUp("bob@example.com", "Bob")
	want := f.subscribed()
	rec, sl := newRecorder(3), &sleeper{clock: f.Clock}
	d, stop := f.run(rec, sl, nil)
	waitFor(t, "delivered", func() bool { return len(rec.delivered()) == len(want) })
	stop()
	if got := ids(rec.delivered()); !slices.Equal(got, want) {
		t.Fatalf("delivered %v, want %v", got, want)
	}
	if !slices.Equal(sl.delays, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}) {
		t.Fatalf("waits %v, want 1s 2s 4s", sl.delays)
	}
	for _, m := range rec.delivered() {
		var p webhooks.Payload
		if err := json.Unmarshal([]byte(m.Body), &p); err != nil || p.Type != "person.signed_up" || p.Data["personId"] == nil {
			t.Fatalf("payload %s: %v", m.Body, err)
		}
		if strings.Contains(m.Body, "example.com") || strings.Contains(m.Body, "sealed:") {
			t.Fatalf("personal data without includePii: %s", m.Body)
		}
		if m.Target.Secret == "" || m.Target.Secret != ep.Secret {
			t.Fatalf("target %+v lacks the endpoint's secret", m.Target.EndpointID)
		}
	}
	attempts, err := f.svc.Attempts(context.Background(), ep.ID)
	if err != nil {
		t.Fatal(err)
	}
	var oks, fails int
	for _, a := range attempts {
		if a.OK {
			oks++
		} else if a.Status == 500 && a.EventID == want[0] {
			fails++
		}
	}
	if oks != len(want) || fails != 3 {
		t.Fatalf("attempts %+v: %d ok, %d failed", attempts, oks, fails)
	}
	text := metricstest.Exposition(t, d.Metrics)
	if !strings.Contains(text, `authledger_webhook_failures_total{endpoint="`+ep.ID+`"} 3`) {
		t.Fatalf("metrics:\n%s", text)
	}
}

// TestResumesFromTheCheckpointAndReplays: a restarted deliverer sends
// only what is new; a replay sends the history again, same ids.
func TestResumesFromTheCheckpointAndReplays(t *testing.T) {
	f := newFixture(t, nil)
	ep := f.create(false)
	f.signUp("ann@example.com", "Ann")
	rec, sl := newRecorder(0), &sleeper{clock: f.Clock}
	_, stop := f.run(rec, sl, nil)
	waitFor(t, "first", func() bool { return len(rec.delivered()) == 1 })
	stop()
	f.signUp("bob@example.com", "Bob")
	_, stop = f.run(rec, sl, nil)
	want := f.subscribed()
	waitFor(t, "second", func() bool { return len(rec.delivered()) == 2 })
	after := "0.0"
	if _, err := f.svc.Replay(context.Background(), webhooks.ReplayInput{Caller: caller, Actor: "admin", ID: ep.ID,
		After: &after}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "replayed", func() bool { return len(rec.delivered()) == 4 })
	stop()
	if got := ids(rec.delivered()); !slices.Equal(got, append(slices.Clone(want), want...)) {
		t.Fatalf("delivered %v, want %v twice", got, want)
	}
}

// TestIncludePIIAndErasure: an endpoint asking for personal data gets the
// email decrypted, except for an erased person (the key is gone).
func TestIncludePIIAndErasure(t *testing.T) {
	f := newFixture(t, nil)
	f.create(true)
	ann := f.signUp("ann@example.com", "Ann")
	f.signUp("bob@example.com", "Bob")
	if err := f.App.Keys.Forget(context.Background(), ann); err != nil {
		t.Fatal(err)
	}
	rec, sl := newRecorder(0), &sleeper{clock: f.Clock}
	_, stop := f.run(rec, sl, nil)
	waitFor(t, "delivered", func() bool { return len(rec.delivered()) == 2 })
	stop()
	got := rec.delivered()
	if strings.Contains(got[0].Body, "ann@") || strings.Contains(got[0].Body, "sealed:") {
		t.Fatalf("erased person's payload: %s", got[0].Body)
	}
	if !strings.Contains(got[1].Body, `"email":"bob@example.com"`) || strings.Contains(got[1].Body, "sealed:") {
		t.Fatalf("payload with includePii: %s", got[1].Body)
	}
}

// TestDisablesAnEndpointFailingTooLong: an endpoint failing for longer
// than DisableAfter is disabled (an event the audit trail shows), the
// operator hook is told, and other endpoints keep getting their events.
func TestDisablesAnEndpointFailingTooLong(t *testing.T) {
	f := newFixture(t, nil)
	dead := f.create(false)
	f.signUp("ann@example.com", "Ann")
	var told atomic.Value
	rec, sl := &splitSender{dead: dead.ID, ok: newRecorder(0)}, &sleeper{clock: f.Clock}
	live := f.create(false)
	f.signUp("bob@example.com", "Bob")
	d := &webhooks.Deliverer{Service: f.svc, Read: f.read, Sender: rec, Now: f.Clock.Now, Sleep: sl.Sleep,
		Jitter: func(d time.Duration) time.Duration { return d }, Poll: 10 * time.Millisecond,
		Retry: outbox.Retry{Initial: time.Minute, Max: 10 * time.Minute}, DisableAfter: time.Hour,
		OnDisabled: func(_ context.Context, ep webhooks.Endpoint) { told.Store(ep.ID) }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	waitFor(t, "disabled", func() bool { return told.Load() == dead.ID })
	waitFor(t, "live delivered", func() bool { return len(rec.ok.delivered()) == 1 })
	cancel()
	<-done
	got, err := f.svc.Get(context.Background(), dead.ID)
	if err != nil || got.Enabled || got.DisabledReason != webhookendpoint.ReasonFailing || got.LastError == "" {
		t.Fatalf("dead endpoint %+v, %v", got, err)
	}
	if l, _ := f.svc.Get(context.Background(), live.ID); !l.Enabled {
		t.Fatalf("live endpoint disabled: %+v", l)
	}
	recs, _ := f.Store.ReadAll(context.Background(), zeroPos, 1000)
	found := false
	for _, r := range recs {
		if r.Type == webhookendpoint.TypeDisabled && strings.Contains(string(r.Data), `"reason":"failing"`) {
			found = true
		}
	}
	if !found {
		t.Fatal("no webhook.endpoint_disabled (failing) in the log")
	}

	// Enabled again, it gets a fresh period: several attempts, not one.
	if _, err := f.svc.Enable(context.Background(), webhooks.ChangeInput{Caller: caller, Actor: "admin", ID: dead.ID}); err != nil {
		t.Fatal(err)
	}
	told.Store("")
	before := rec.deadCalls.Load()
	ctx, cancel = context.WithCancel(context.Background())
	done = make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	waitFor(t, "disabled again", func() bool { return told.Load() == dead.ID })
	cancel()
	<-done
	if n := rec.deadCalls.Load() - before; n < 3 {
		t.Fatalf("re-enabled endpoint disabled after %d attempts, want a fresh period", n)
	}
}

// splitSender fails every message to one endpoint and records the rest.
type splitSender struct {
	dead      string
	ok        *recorder
	deadCalls atomic.Int64
}

// Send implements webhooks.Sender.
func (s *splitSender) Send(ctx context.Context, t webhooks.Target, id string, body []byte) (int, error) {
	if t.EndpointID == s.dead {
		s.deadCalls.Add(1)
		return 0, errors.New("dial tcp: connection refused")
	}
	return s.ok.Send(ctx, t, id, body)
}
