package webhooks

import (
	"context"
	"encoding/base64"
	"io"
	"strconv"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/domain/webhookendpoint"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// Error codes of the use cases (statuses are mapped in the API).
const (
	CodeURLForbidden domain.Code = "WEBHOOK_URL_FORBIDDEN"
	CodeUnknownEvent domain.Code = "WEBHOOK_UNKNOWN_EVENT"
)

// Config is what the use cases need besides the kernel.
type Config struct {
	// CheckURL refuses a URL the deliverer would refuse to connect to
	// (loopback, private, link-local, metadata addresses, unless the
	// operator allowed them); nil accepts any http(s) URL. The deliverer
	// checks again at connect time.
	CheckURL func(ctx context.Context, url string) error
	// Read is the read store holding the delivery checkpoints and
	// attempts (nil: Attempts answers none).
	Read ontology.Store
}

// Service runs the endpoint use cases.
type Service struct {
	app *app.App
	cfg Config
	idx *Index
}

// New returns the use cases over a (shared) index.
func New(a *app.App, cfg Config) *Service { return &Service{app: a, cfg: cfg, idx: NewIndex()} }

// Endpoint is what may be shown of an endpoint: never its secret.
type Endpoint struct {
	ID             string    `json:"id"`
	URL            string    `json:"url"`
	Events         []string  `json:"events"`
	IncludePII     bool      `json:"includePii"`
	Enabled        bool      `json:"enabled"`
	DisabledReason string    `json:"disabledReason,omitempty"`
	LastError      string    `json:"lastError,omitempty"`
	CreatedAt      time.Time `json:"createdAt"`
	UpdatedAt      time.Time `json:"updatedAt"`
}

// view is the public view of an endpoint state.
func view(s webhookendpoint.State) Endpoint {
	return Endpoint{ID: s.ID, URL: s.URL, Events: s.Events, IncludePII: s.IncludePII, Enabled: s.Enabled,
		DisabledReason: s.DisabledReason, LastError: s.LastError, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
}

// CreateInput asks for an endpoint.
type CreateInput struct {
	Caller     app.Caller
	Actor      string
	URL        string
	Events     []string
	IncludePII bool
}

// Created is a new endpoint and its signing secret, shown once.
type Created struct {
	Endpoint
	Secret string `json:"secret"`
}

// Create checks the URL and the event patterns, draws the id and a
// 256-bit secret, and appends webhook.endpoint_created (secret sealed).
func (s *Service) Create(ctx context.Context, in CreateInput) (Created, error) {
	if err := s.checkInput(ctx, &in.URL, in.Events); err != nil {
		return Created{}, err
	}
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return Created{}, err
	}
	secret, err := newSecret(s.app.Rand)
	if err != nil {
		return Created{}, err
	}
	now := s.app.Now()
	stream := webhookendpoint.Stream(ids[0])
	out, err := app.Run(ctx, s.app, webhookendpoint.NewDecider(), stream, in.Caller.Meta(in.Actor, now), stream,
		func(webhookendpoint.State) webhookendpoint.Command {
			return webhookendpoint.Create{ID: ids[0], URL: in.URL, Events: in.Events, IncludePII: in.IncludePII,
				Secret: secret, At: now}
		})
	if err != nil {
		return Created{}, err
	}
	return Created{Endpoint: view(out.State), Secret: secret}, nil
}

// UpdateInput changes the settings it names (nil: unchanged).
type UpdateInput struct {
	Caller     app.Caller
	Actor      string
	ID         string
	URL        *string
	Events     []string
	IncludePII *bool
}

// Update appends webhook.endpoint_updated (nothing when nothing changes).
func (s *Service) Update(ctx context.Context, in UpdateInput) (Endpoint, error) {
	if in.URL != nil || in.Events != nil {
		u := ""
		if in.URL != nil {
			u = *in.URL
		}
		if err := s.checkInput(ctx, optional(in.URL, &u), in.Events); err != nil {
			return Endpoint{}, err
		}
	}
	return s.run(ctx, in.Caller, in.Actor, in.ID, func(now time.Time) webhookendpoint.Command {
		return webhookendpoint.Update{URL: in.URL, Events: in.Events, IncludePII: in.IncludePII, At: now}
	})
}

// optional returns p, or a pointer to "" when p is nil (nothing to check).
func optional(p, empty *string) *string {
	if p == nil {
		return empty
	}
	return p
}

// ChangeInput names an endpoint to enable, disable or delete.
type ChangeInput struct {
	Caller app.Caller
	Actor  string
	ID     string
}

// Enable appends webhook.endpoint_enabled: deliveries resume from the
// endpoint's checkpoint.
func (s *Service) Enable(ctx context.Context, in ChangeInput) (Endpoint, error) {
	return s.run(ctx, in.Caller, in.Actor, in.ID, func(now time.Time) webhookendpoint.Command {
		return webhookendpoint.Enable{At: now}
	})
}

// Disable appends webhook.endpoint_disabled (reason operator).
func (s *Service) Disable(ctx context.Context, in ChangeInput) (Endpoint, error) {
	return s.run(ctx, in.Caller, in.Actor, in.ID, func(now time.Time) webhookendpoint.Command {
		return webhookendpoint.Disable{Reason: webhookendpoint.ReasonOperator, At: now}
	})
}

// Delete appends webhook.endpoint_deleted and forgets the key sealing
// the endpoint's secret.
func (s *Service) Delete(ctx context.Context, in ChangeInput) (Endpoint, error) {
	ep, err := s.run(ctx, in.Caller, in.Actor, in.ID, func(now time.Time) webhookendpoint.Command {
		return webhookendpoint.Delete{At: now}
	})
	if err != nil {
		return Endpoint{}, err
	}
	if err := s.app.Keys.Forget(ctx, webhookendpoint.Stream(in.ID)); err != nil {
		s.app.Logger.Warn("webhook endpoint deleted but its secret's key could not be destroyed", "endpoint", in.ID, "err", err)
	}
	return ep, nil
}

// ReplayInput asks for a delivery again of the endpoint's events after
// a position (After, "" or "0.0" for the start of the log) or from a
// time (Since: every event that occurred at or after it).
type ReplayInput struct {
	Caller app.Caller
	Actor  string
	ID     string
	After  *string
	Since  *time.Time
}

// Replay appends webhook.endpoint_replayed; the deliverer moves the
// endpoint's checkpoint back (or forward) when it reads it.
func (s *Service) Replay(ctx context.Context, in ReplayInput) (Endpoint, error) {
	if (in.After == nil) == (in.Since == nil) {
		return Endpoint{}, domain.Errorf(domain.CodeValidation, "give exactly one of after (a log position) or since (a time)")
	}
	var after eventstore.Position
	if in.After != nil {
		p, err := eventstore.ParsePosition(*in.After)
		if err != nil {
			return Endpoint{}, domain.Errorf(domain.CodeValidation, "after must be a log position such as 12.0")
		}
		after = p
	} else {
		p, err := s.positionBefore(ctx, *in.Since)
		if err != nil {
			return Endpoint{}, err
		}
		after = p
	}
	return s.run(ctx, in.Caller, in.Actor, in.ID, func(now time.Time) webhookendpoint.Command {
		return webhookendpoint.Replay{After: after.String(), At: now}
	})
}

// positionBefore is the position of the last record that occurred before
// t (the zero position when none): replaying after it delivers from t on.
func (s *Service) positionBefore(ctx context.Context, t time.Time) (eventstore.Position, error) {
	var last eventstore.Position
	for {
		recs, err := s.app.Store.ReadAll(ctx, last, 1000)
		if err != nil {
			return eventstore.Position{}, err
		}
		for _, r := range recs {
			if !r.OccurredAt.Before(t) {
				return last, nil
			}
			last = r.Position
		}
		if len(recs) == 0 {
			return last, nil
		}
	}
}

// List returns every endpoint not deleted, oldest first.
func (s *Service) List(ctx context.Context) ([]Endpoint, error) {
	if err := s.idx.CatchUp(ctx, s.app.Store, s.app.Codec); err != nil {
		return nil, err
	}
	var out []Endpoint
	for _, e := range s.idx.all() {
		out = append(out, view(e.state))
	}
	return out, nil
}

// Get returns the endpoint with id.
func (s *Service) Get(ctx context.Context, id string) (Endpoint, error) {
	e, err := s.entry(ctx, id)
	if err != nil {
		return Endpoint{}, err
	}
	return view(e.state), nil
}

// entry returns the live endpoint with id from the caught-up index.
func (s *Service) entry(ctx context.Context, id string) (entry, error) {
	if !domain.ValidID(id) {
		return entry{}, webhookendpoint.ErrNotFound
	}
	if err := s.idx.CatchUp(ctx, s.app.Store, s.app.Codec); err != nil {
		return entry{}, err
	}
	e, ok := s.idx.get(id)
	if !ok || e.state.Deleted {
		return entry{}, webhookendpoint.ErrNotFound
	}
	return e, nil
}

// run decides one command on an endpoint's stream and returns its view.
func (s *Service) run(ctx context.Context, caller app.Caller, actor, id string,
	build func(now time.Time) webhookendpoint.Command) (Endpoint, error) {
	if !domain.ValidID(id) {
		return Endpoint{}, webhookendpoint.ErrNotFound
	}
	now := s.app.Now()
	stream := webhookendpoint.Stream(id)
	out, err := app.Run(ctx, s.app, webhookendpoint.NewDecider(), stream, caller.Meta(actor, now), stream,
		func(webhookendpoint.State) webhookendpoint.Command { return build(now) })
	if err != nil {
		return Endpoint{}, err
	}
	return view(out.State), nil
}

// checkInput refuses an unreachable URL and unknown event types (a
// prefix must select at least one known type).
func (s *Service) checkInput(ctx context.Context, url *string, events []string) error {
	if *url != "" && s.cfg.CheckURL != nil {
		if err := s.cfg.CheckURL(ctx, *url); err != nil {
			return domain.Errorf(CodeURLForbidden, "The webhook URL is refused: "+err.Error())
		}
	}
	types := catalog.Events()
	for _, p := range events {
		known := false
		for _, ev := range types {
			if webhookendpoint.Matches([]string{p}, ev.EventType()) {
				known = true
				break
			}
		}
		if !known && len(p) <= webhookendpoint.MaxEventLen {
			return domain.Errorf(CodeUnknownEvent, "No event type is selected by "+strconv.Quote(p))
		}
	}
	return nil
}

// SecretBytes is the size of a signing secret's key.
const SecretBytes = 32

// newSecret draws a signing secret, "whsec_<base64 of 32 bytes>".
func newSecret(r io.Reader) (string, error) {
	b := make([]byte, SecretBytes)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(b), nil
}
