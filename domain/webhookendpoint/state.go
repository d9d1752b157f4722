package webhookendpoint

import (
	"slices"
	"time"

	"github.com/authledger/authledger/domain"
)

// State is an endpoint folded from its stream. Secret is the opened
// signing secret (empty when the stream was read without opening).
type State struct {
	Exists         bool
	Deleted        bool
	ID             string
	URL            string
	Events         []string
	IncludePII     bool
	Secret         string
	Enabled        bool
	DisabledReason string
	LastError      string
	ReplaySeq      int
	ReplayAfter    string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// EnabledAt is when deliveries last (re)started: the creation or the
	// last Enabled.
	EnabledAt time.Time
}

// Evolve folds one event into the state.
func Evolve(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case Created:
		s = State{Exists: true, ID: e.EndpointID, URL: e.URL, Events: slices.Clone(e.Events), IncludePII: e.IncludePII,
			Secret: e.Secret, Enabled: true, CreatedAt: e.At, UpdatedAt: e.At, EnabledAt: e.At}
	case Updated:
		s.URL, s.Events, s.IncludePII, s.UpdatedAt = e.URL, slices.Clone(e.Events), e.IncludePII, e.At
	case Enabled:
		s.Enabled, s.DisabledReason, s.LastError, s.UpdatedAt, s.EnabledAt = true, "", "", e.At, e.At
	case Disabled:
		s.Enabled, s.DisabledReason, s.LastError, s.UpdatedAt = false, e.Reason, e.LastError, e.At
	case Replayed:
		s.ReplaySeq, s.ReplayAfter, s.UpdatedAt = e.Seq, e.After, e.At
	case Deleted:
		s.Deleted, s.Enabled, s.Secret, s.UpdatedAt = true, false, "", e.At
	}
	return s
}
