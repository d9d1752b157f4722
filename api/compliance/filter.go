package compliance

import (
	"slices"
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// Format is how audit rows are written: a JSON page, or the whole range
// streamed as NDJSON or CSV.
type Format string

// The formats.
const (
	FormatJSON   Format = "json"
	FormatNDJSON Format = "ndjson"
	FormatCSV    Format = "csv"
)

// formats are the accepted names of each format (also as MIME types).
var formats = map[string]Format{"json": FormatJSON, "ndjson": FormatNDJSON, "csv": FormatCSV,
	"application/json": FormatJSON, "application/x-ndjson": FormatNDJSON, "text/csv": FormatCSV}

// ParseFormat reads a format name or its MIME type.
func ParseFormat(v string) (Format, bool) {
	f, ok := formats[v]
	return f, ok
}

// Page sizes.
const (
	DefaultLimit = 100  // rows of a JSON page when Limit is zero
	MaxLimit     = 1000 // the largest page
)

// Filter selects audit rows. The zero Filter selects every row.
type Filter struct {
	Person       string   // the subject (a person id)
	Actor        string   // who acted
	Organization string   // the group the event concerns
	Types        []string // exact event types; nil: any
	TypePrefix   string   // e.g. "session."
	Outcome      string   // "", "success" or "failure"
	From, To     time.Time
	// After is the range start (exclusive); Until, when set, its end
	// (inclusive); both are log positions.
	After eventstore.Position
	Until *eventstore.Position
	// Cursor continues a JSON page after this position (Page.Next); it
	// is not part of the recorded filter set.
	Cursor     eventstore.Position
	Limit      int    // rows of a JSON page (zero: DefaultLimit)
	Format     Format // "" means JSON for a page, NDJSON for an export
	IncludePII bool   // decrypt the allowed personal data
}

// Validate refuses values no parser would produce.
func (f Filter) Validate() error {
	switch {
	case f.Outcome != "" && f.Outcome != "success" && f.Outcome != "failure":
		return domain.Errorf(domain.CodeValidation, "outcome must be success or failure")
	case f.Limit < 0 || f.Limit > MaxLimit:
		return domain.Errorf(domain.CodeValidation, "limit must be 1..1000")
	case f.Format != "" && f.Format != FormatJSON && f.Format != FormatNDJSON && f.Format != FormatCSV:
		return domain.Errorf(domain.CodeValidation, "format must be json, ndjson or csv")
	}
	return nil
}

// start is the position the scan continues after.
func (f Filter) start() eventstore.Position {
	if f.After.Less(f.Cursor) {
		return f.Cursor
	}
	return f.After
}

// limit is the page size in force.
func (f Filter) limit() int {
	if f.Limit == 0 {
		return DefaultLimit
	}
	return f.Limit
}

// past reports whether rec lies beyond the Until bound (the scan stops).
func (f Filter) past(rec eventstore.Record) bool {
	return f.Until != nil && f.Until.Less(rec.Position)
}

// match reports whether a row passes every filter.
func (f Filter) match(r *Row) bool {
	switch {
	case f.Person != "" && r.Subject != f.Person,
		f.Actor != "" && r.Actor != f.Actor,
		f.Organization != "" && r.Organization != f.Organization,
		f.Types != nil && !slices.Contains(f.Types, r.Type),
		f.TypePrefix != "" && !strings.HasPrefix(r.Type, f.TypePrefix),
		f.Outcome != "" && r.Outcome != f.Outcome,
		!f.From.IsZero() && r.OccurredAt.Before(f.From),
		!f.To.IsZero() && !r.OccurredAt.Before(f.To):
		return false
	}
	return true
}
