package eventstore

import (
	"encoding/json"
	"fmt"
)

// ValidateAppend checks the shape of an Append call and returns an error
// wrapping ErrInvalidAppend for the first problem found: no requests, an
// empty stream, an expected version below StreamExists, a request with no
// events, claims or releases, an event without ID or Type, a schema below 1,
// Data that is not JSON, Meta that is neither empty nor JSON, or a claim with
// an empty kind, key or owner. Adapters call it before touching storage.
func ValidateAppend(reqs []AppendRequest) error {
	if len(reqs) == 0 {
		return fmt.Errorf("%w: no requests", ErrInvalidAppend)
	}
	for i, r := range reqs {
		if err := validateRequest(r); err != nil {
			return fmt.Errorf("%w: request %d (%q): %s", ErrInvalidAppend, i, r.Stream, err)
		}
	}
	return nil
}

// invalid is a validation message; ValidateAppend wraps it.
type invalid string

func (e invalid) Error() string { return string(e) }

func validateRequest(r AppendRequest) error {
	switch {
	case r.Stream == "":
		return invalid("empty stream")
	case r.Expected < StreamExists:
		return invalid(fmt.Sprintf("bad expected version %d", r.Expected))
	case len(r.Events)+len(r.Claims)+len(r.Releases) == 0:
		return invalid("nothing to append")
	}
	for j, e := range r.Events {
		switch {
		case e.ID == "" || e.Type == "":
			return invalid(fmt.Sprintf("event %d: missing ID or type", j))
		case e.Schema < 1:
			return invalid(fmt.Sprintf("event %d: schema %d", j, e.Schema))
		case !json.Valid(e.Data):
			return invalid(fmt.Sprintf("event %d: data is not JSON", j))
		case len(e.Meta) > 0 && !json.Valid(e.Meta):
			return invalid(fmt.Sprintf("event %d: meta is not JSON", j))
		}
	}
	for _, c := range append(append([]Claim(nil), r.Claims...), r.Releases...) {
		if c.Kind == "" || c.Key == "" || c.Owner == "" {
			return invalid(fmt.Sprintf("claim %q/%q: empty kind, key or owner", c.Kind, c.Key))
		}
	}
	return nil
}
