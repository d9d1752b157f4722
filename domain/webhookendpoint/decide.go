package webhookendpoint

import (
	"slices"
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
)

// Create makes an endpoint. The caller draws ID and the secret and has
// checked the URL (reachability policy) and the event types (known).
type Create struct {
	ID         string
	URL        string
	Events     []string
	IncludePII bool
	Secret     string
	At         time.Time
}

// Update replaces the settings it names (nil: unchanged).
type Update struct {
	URL        *string
	Events     []string // nil: unchanged
	IncludePII *bool
	At         time.Time
}

// Enable resumes deliveries; enabling an enabled endpoint is a no-op.
type Enable struct{ At time.Time }

// Disable stops deliveries; disabling a disabled endpoint is a no-op.
type Disable struct {
	Reason       string
	LastError    string
	FailingSince *time.Time
	At           time.Time
}

// Replay asks for a delivery again of every matching event after After.
type Replay struct {
	After string
	At    time.Time
}

// Delete removes the endpoint for good.
type Delete struct{ At time.Time }

// Command is any endpoint command.
type Command interface{ isEndpointCommand() }

func (Create) isEndpointCommand()  {}
func (Update) isEndpointCommand()  {}
func (Enable) isEndpointCommand()  {}
func (Disable) isEndpointCommand() {}
func (Replay) isEndpointCommand()  {}
func (Delete) isEndpointCommand()  {}

// Limits of an endpoint's settings.
const (
	MaxURLLength = 2048
	MaxEvents    = 100
	MaxEventLen  = 100
)

// CodeNotFound is the code of an unknown (or deleted) endpoint.
const CodeNotFound domain.Code = "WEBHOOK_NOT_FOUND"

// Errors of the decider.
var (
	ErrNotFound       = domain.Errorf(CodeNotFound, "Webhook endpoint not found")
	ErrExists         = domain.Errorf(domain.CodeConflict, "Webhook endpoint already exists")
	ErrURL            = domain.Errorf(domain.CodeValidation, "url must be an http or https URL of at most 2048 characters")
	ErrNoEvents       = domain.Errorf(domain.CodeValidation, "events must name at least one event type or prefix")
	ErrEventPattern   = domain.Errorf(domain.CodeValidation, "events must be event types (person.signed_up) or prefixes ending in a dot (person.), at most 100")
	ErrReason         = domain.Errorf(domain.CodeValidation, "reason must be operator or failing")
	errUnknownCommand = domain.Errorf(domain.CodeInternal, "webhookendpoint: unknown command")
)

// NewDecider returns the endpoint decider.
func NewDecider() domain.Decider[State, Command] {
	return domain.Decider[State, Command]{Decide: Decide, Evolve: Evolve}
}

// Decide turns a command into events.
func Decide(s State, c Command) ([]domain.Event, error) {
	if _, ok := c.(Create); !ok && (!s.Exists || s.Deleted) {
		return nil, ErrNotFound
	}
	switch c := c.(type) {
	case Create:
		if s.Exists {
			return nil, ErrExists
		}
		evs, err := NormalizeEvents(c.Events)
		if err != nil {
			return nil, err
		}
		if !validURL(c.URL) {
			return nil, ErrURL
		}
		return []domain.Event{Created{EndpointID: c.ID, URL: c.URL, Events: evs, IncludePII: c.IncludePII,
			Secret: c.Secret, At: c.At}}, nil
	case Update:
		u := Updated{EndpointID: s.ID, URL: s.URL, Events: s.Events, IncludePII: s.IncludePII, At: c.At}
		if c.URL != nil {
			if !validURL(*c.URL) {
				return nil, ErrURL
			}
			u.URL = *c.URL
		}
		if c.Events != nil {
			evs, err := NormalizeEvents(c.Events)
			if err != nil {
				return nil, err
			}
			u.Events = evs
		}
		if c.IncludePII != nil {
			u.IncludePII = *c.IncludePII
		}
		if u.URL == s.URL && slices.Equal(u.Events, s.Events) && u.IncludePII == s.IncludePII {
			return nil, nil
		}
		return []domain.Event{u}, nil
	case Enable:
		if s.Enabled {
			return nil, nil
		}
		return []domain.Event{Enabled{EndpointID: s.ID, At: c.At}}, nil
	case Disable:
		if c.Reason != ReasonOperator && c.Reason != ReasonFailing {
			return nil, ErrReason
		}
		if !s.Enabled {
			return nil, nil
		}
		return []domain.Event{Disabled{EndpointID: s.ID, Reason: c.Reason, LastError: c.LastError,
			FailingSince: c.FailingSince, At: c.At}}, nil
	case Replay:
		return []domain.Event{Replayed{EndpointID: s.ID, After: c.After, Seq: s.ReplaySeq + 1, At: c.At}}, nil
	case Delete:
		return []domain.Event{Deleted{EndpointID: s.ID, At: c.At}}, nil
	}
	return nil, errUnknownCommand
}

// validURL is a syntactic check (the reachability policy is the caller's).
func validURL(u string) bool {
	return len(u) <= MaxURLLength && (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://"))
}

// NormalizeEvents checks the patterns' syntax (lower-case dotted names of
// letters, digits and underscores; a prefix ends in a dot) and returns
// them sorted, each once.
func NormalizeEvents(events []string) ([]string, error) {
	if len(events) == 0 {
		return nil, ErrNoEvents
	}
	if len(events) > MaxEvents {
		return nil, ErrEventPattern
	}
	out := make([]string, 0, len(events))
	for _, e := range events {
		if !validPattern(e) {
			return nil, ErrEventPattern
		}
		out = append(out, e)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// validPattern reports whether p is "a.b_c" or "a." (no empty segment).
func validPattern(p string) bool {
	if p == "" || len(p) > MaxEventLen || p[0] == '.' || strings.Contains(p, "..") {
		return false
	}
	for _, r := range p {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' && r != '.' {
			return false
		}
	}
	return true
}

// IsPrefix reports whether a pattern is a prefix (ends in a dot).
func IsPrefix(p string) bool { return strings.HasSuffix(p, ".") }

// Matches reports whether an event type is selected by the patterns.
func Matches(patterns []string, typ string) bool {
	for _, p := range patterns {
		if p == typ || (IsPrefix(p) && strings.HasPrefix(typ, p)) {
			return true
		}
	}
	return false
}
