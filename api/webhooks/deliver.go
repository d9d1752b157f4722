package webhooks

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/domain/webhookendpoint"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// Target is where and how one delivery goes.
type Target struct {
	EndpointID string
	URL        string
	Secret     string // whsec_…
}

// Sender posts one signed message (the HTTP client, given by the caller:
// SSRF-guarded dialer, no redirects, bounded answer, timeouts). msgID is
// the webhook-id; status is the receiver's HTTP status (0 when none).
type Sender interface {
	Send(ctx context.Context, t Target, msgID string, body []byte) (status int, err error)
}

// Defaults of Deliverer: the documented retry schedule is 1 s, 2 s, 4 s…
// doubling up to one hour between attempts, each delay drawn from
// [d/2, d) (jitter); an endpoint whose pending event has been failing for
// DefaultDisableAfter is disabled.
const (
	DefaultRetryInitial   = time.Second
	DefaultRetryMax       = time.Hour
	DefaultDisableAfter   = 24 * time.Hour
	DefaultAttemptTimeout = 15 * time.Second
	DefaultPoll           = time.Second
)

// DelivererActor is the actor of the deliverer's own changes (disabling
// a failing endpoint).
const DelivererActor = "system:webhooks"

// Deliverer posts the log's events to every enabled endpoint, one worker
// per endpoint (a slow or dead receiver delays only its own endpoint).
// Service, Read and Sender are required; the rest default. Run it on one
// node at a time (the caller's leader election).
type Deliverer struct {
	Service *Service
	Read    ontology.Store
	Sender  Sender
	// Retry is the backoff of a failing event (Initial, Max; Attempts is
	// not used: an event is retried until it succeeds or the endpoint
	// is disabled).
	Retry          outbox.Retry
	DisableAfter   time.Duration
	AttemptTimeout time.Duration
	Poll           time.Duration // how often endpoints are re-read without a wake-up
	Now            func() time.Time
	Sleep          func(ctx context.Context, d time.Duration) error
	Jitter         func(d time.Duration) time.Duration
	Metrics        *Metrics
	Logger         *slog.Logger
	// OnDisabled, when set, is told of an endpoint disabled for failing
	// (to mail the operator, say); the event and a log line are written
	// anyway.
	OnDisabled func(ctx context.Context, ep Endpoint)
}

func (d *Deliverer) defaults() {
	if d.Retry.Initial <= 0 {
		d.Retry.Initial = DefaultRetryInitial
	}
	if d.Retry.Max <= 0 {
		d.Retry.Max = DefaultRetryMax
	}
	if d.DisableAfter <= 0 {
		d.DisableAfter = DefaultDisableAfter
	}
	if d.AttemptTimeout <= 0 {
		d.AttemptTimeout = DefaultAttemptTimeout
	}
	if d.Poll <= 0 {
		d.Poll = DefaultPoll
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Sleep == nil {
		d.Sleep = outbox.SleepContext
	}
	if d.Jitter == nil {
		d.Jitter = outbox.FullJitter
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
}

// running is a started worker.
type running struct {
	key    string
	cancel context.CancelFunc
	done   chan struct{}
}

// Run keeps one worker per enabled endpoint until ctx ends: it re-reads
// the endpoints when the log changes (and every Poll), starts workers for
// new or re-enabled endpoints, and restarts a worker whose endpoint
// changed (settings, replay). It returns ctx's error after every worker
// stopped (each after its current attempt).
func (d *Deliverer) Run(ctx context.Context) error {
	d.defaults()
	workers := map[string]*running{}
	defer func() {
		for _, w := range workers {
			w.cancel()
			<-w.done
		}
	}()
	store := d.Service.app.Store
	for {
		changed := store.Changed()
		if err := d.Service.idx.CatchUp(ctx, store, d.Service.app.Codec); err != nil && ctx.Err() == nil {
			d.Logger.Warn("webhooks: could not read the endpoints", "err", err)
		}
		want := map[string]entry{}
		for _, e := range d.Service.idx.all() {
			if e.state.Enabled && e.state.Secret != "" {
				want[e.state.ID] = e
			}
		}
		for id, w := range workers {
			if e, ok := want[id]; !ok || workerKey(e) != w.key {
				w.cancel()
				<-w.done
				delete(workers, id)
			}
		}
		for id, e := range want {
			if _, ok := workers[id]; ok {
				continue
			}
			wctx, cancel := context.WithCancel(ctx)
			w := &running{key: workerKey(e), cancel: cancel, done: make(chan struct{})}
			workers[id] = w
			go func() {
				defer close(w.done)
				d.work(wctx, e)
			}()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-changed:
		case <-time.After(d.Poll):
		}
	}
}

// workerKey changes whenever the endpoint does (any change event moves
// UpdatedAt; a replay bumps ReplaySeq).
func workerKey(e entry) string {
	return fmt.Sprintf("%d|%d", e.state.UpdatedAt.UnixNano(), e.state.ReplaySeq)
}

// errDisabled stops a worker whose endpoint it disabled.
var errDisabled = errors.New("webhooks: endpoint disabled")

// work delivers one endpoint's events until ctx ends or it disables the
// endpoint; a store failure is retried from the checkpoint after a
// bounded backoff.
func (d *Deliverer) work(ctx context.Context, e entry) {
	backoff := 100 * time.Millisecond
	for {
		err := d.follow(ctx, e)
		if ctx.Err() != nil || errors.Is(err, errDisabled) {
			return
		}
		d.Logger.Warn("webhook delivery interrupted; resuming from the checkpoint", "endpoint", e.state.ID, "err", err)
		if d.Sleep(ctx, backoff) != nil {
			return
		}
		backoff = min(2*backoff, 30*time.Second)
	}
}

// follow applies a pending replay, then follows the log from the
// endpoint's checkpoint (its creation when it has none).
func (d *Deliverer) follow(ctx context.Context, e entry) error {
	id := e.state.ID
	cp, st, err := loadState(ctx, d.Read, id)
	if err != nil {
		return err
	}
	if st.FailingSince != nil && st.FailingSince.Before(e.state.EnabledAt) {
		st.FailingSince = nil // enabled again since: a fresh period before disabling
	}
	switch {
	case st.Replay < e.state.ReplaySeq:
		cp, st.Replay, st.FailingSince = e.state.ReplayAfter, e.state.ReplaySeq, nil
		if cp == "" {
			cp = eventstore.Position{}.String()
		}
		d.Logger.Info("webhook replay", "endpoint", id, "after", cp)
		err = saveState(ctx, d.Read, id, cp, st)
	case cp == "":
		cp = e.created.String()
		err = saveState(ctx, d.Read, id, cp, st)
	}
	if err != nil {
		return err
	}
	after, err := eventstore.ParsePosition(cp)
	if err != nil {
		return err
	}
	t := Target{EndpointID: id, URL: e.state.URL, Secret: e.state.Secret}
	return eventstore.Follow(ctx, d.Service.app.Store, after, 100, func(ctx context.Context, recs []eventstore.Record) error {
		skipped := ""
		for _, rec := range recs {
			if !webhookendpoint.Matches(e.state.Events, rec.Type) {
				skipped = rec.Position.String()
				continue
			}
			if err := d.deliver(ctx, t, e.state.IncludePII, rec, &st); err != nil {
				return err
			}
			skipped = ""
		}
		d.Metrics.caughtUp(id)
		if skipped != "" {
			return saveState(context.WithoutCancel(ctx), d.Read, id, skipped, st)
		}
		return nil
	})
}

// deliver sends rec until the receiver takes it, recording every attempt
// with the checkpoint's move in one transaction; it returns ctx's error
// (stopping between attempts), a store error, or errDisabled.
func (d *Deliverer) deliver(ctx context.Context, t Target, pii bool, rec eventstore.Record, st *deliveryState) error {
	body, err := buildPayload(ctx, d.Service.app.Codec, rec, pii)
	if err != nil { // an undecodable record never becomes decodable: record it and pass
		d.Logger.Error("webhook: cannot render an event; passed", "endpoint", t.EndpointID, "event", rec.ID, "err", err)
		st.Attempts = append([]Attempt{{EventID: rec.ID, Type: rec.Type, Position: rec.Position.String(), Attempt: 1,
			At: d.Now().UTC(), Error: storable("not rendered: " + err.Error())}}, st.Attempts...)
		return saveState(context.WithoutCancel(ctx), d.Read, t.EndpointID, rec.Position.String(), *st)
	}
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), d.AttemptTimeout)
		status, serr := d.Sender.Send(actx, t, rec.ID, body)
		cancel()
		now := d.Now().UTC()
		a := Attempt{EventID: rec.ID, Type: rec.Type, Position: rec.Position.String(), Attempt: n, At: now,
			OK: serr == nil, Status: status}
		d.Metrics.attempt(t.EndpointID, serr == nil, now.Sub(rec.OccurredAt))
		st.Attempts = append([]Attempt{a}, st.Attempts...)
		sctx := context.WithoutCancel(ctx)
		if serr == nil {
			st.FailingSince = nil
			return saveState(sctx, d.Read, t.EndpointID, rec.Position.String(), *st)
		}
		st.Attempts[0].Error = storable(serr.Error())
		if st.FailingSince == nil {
			st.FailingSince = &now
		}
		if err := saveState(sctx, d.Read, t.EndpointID, "", *st); err != nil {
			return err
		}
		if now.Sub(*st.FailingSince) >= d.DisableAfter {
			return d.disable(sctx, t, st.Attempts[0].Error, *st.FailingSince)
		}
		wait := d.Jitter(d.Retry.Delay(n))
		d.Logger.Warn("webhook attempt failed; retrying", "endpoint", t.EndpointID, "event", rec.ID, "type", rec.Type,
			"attempt", n, "status", status, "retry_in", wait, "err", serr)
		if err := d.Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// disable appends webhook.endpoint_disabled (reason failing), logs it and
// tells OnDisabled; it returns errDisabled (or the append's error).
func (d *Deliverer) disable(ctx context.Context, t Target, lastErr string, since time.Time) error {
	ep, err := d.Service.run(ctx, app.Caller{RequestID: "webhook-deliverer"}, DelivererActor, t.EndpointID,
		func(now time.Time) webhookendpoint.Command {
			return webhookendpoint.Disable{Reason: webhookendpoint.ReasonFailing, LastError: lastErr, FailingSince: &since, At: now}
		})
	if err != nil {
		return err
	}
	d.Logger.Error("webhook endpoint disabled: it kept failing; enable it again once it works (what it missed is then delivered)",
		"endpoint", t.EndpointID, "failing_since", since, "last_error", lastErr)
	if d.OnDisabled != nil {
		d.OnDisabled(ctx, ep)
	}
	return errDisabled
}
