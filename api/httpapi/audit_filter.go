package httpapi

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// auditFilter is the parsed query of GET /v1/audit/events.
type auditFilter struct {
	person, actor, org string
	types              map[string]bool // exact types (type=a,b)
	typePrefix         string          // type_prefix=session.
	outcome            string          // success | failure
	from, to           time.Time       // occurredAt ∈ [from, to)
	after, until       eventstore.Position
	hasUntil           bool
	limit              int // JSON pages only
	format             string
	includePII         bool
}

// auditFormats are the output formats: a JSON page, or a whole-range
// stream as NDJSON or CSV.
var auditFormats = map[string]string{"json": "json", "ndjson": "ndjson", "csv": "csv",
	"application/json": "json", "application/x-ndjson": "ndjson", "text/csv": "csv"}

// parseAuditFilter reads the query string; after/until are global
// positions (exclusive/inclusive) and cursor is a position to continue
// after. Every parameter may appear once; unknown ones are refused.
func parseAuditFilter(raw, accept string) (auditFilter, error) {
	f := auditFilter{limit: 100, format: "json"}
	if a := strings.TrimSpace(strings.Split(accept, ",")[0]); auditFormats[a] != "" {
		f.format = auditFormats[a]
	}
	params, err := url.ParseQuery(raw)
	if err != nil {
		return f, domain.Errorf(domain.CodeValidation, "malformed query string")
	}
	for k, vs := range params {
		if len(vs) != 1 {
			return f, domain.Errorf(domain.CodeValidation, "query parameter "+strconv.Quote(k)+" must appear once")
		}
		if err := f.set(k, vs[0]); err != nil {
			return f, err
		}
	}
	return f, nil
}

// set applies one parameter.
func (f *auditFilter) set(k, v string) error {
	var err error
	switch k {
	case "person", "subject":
		f.person = v
	case "actor":
		f.actor = v
	case "organization", "group":
		f.org = v
	case "type":
		f.types = map[string]bool{}
		for _, t := range strings.Split(v, ",") {
			f.types[strings.TrimSpace(t)] = true
		}
	case "type_prefix":
		f.typePrefix = v
	case "outcome":
		if v != "success" && v != "failure" {
			return domain.Errorf(domain.CodeValidation, "outcome must be success or failure")
		}
		f.outcome = v
	case "from", "to":
		err = f.setTime(k, v)
	case "after", "cursor":
		f.after, err = parsePos(k, v)
	case "until":
		f.until, err = parsePos(k, v)
		f.hasUntil = true
	case "limit":
		f.limit, err = strconv.Atoi(v)
		if err != nil || f.limit < 1 || f.limit > 1000 {
			return domain.Errorf(domain.CodeValidation, "limit must be 1..1000")
		}
	case "format":
		if f.format = auditFormats[v]; f.format == "" {
			return domain.Errorf(domain.CodeValidation, "format must be json, ndjson or csv")
		}
	case "include":
		if v != "pii" {
			return domain.Errorf(domain.CodeValidation, "include must be pii")
		}
		f.includePII = true
	default:
		return domain.Errorf(domain.CodeValidation, "unknown query parameter "+strconv.Quote(k))
	}
	return err
}

func (f *auditFilter) setTime(k, v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return domain.Errorf(domain.CodeValidation, k+" must be an RFC 3339 time")
	}
	if k == "from" {
		f.from = t
	} else {
		f.to = t
	}
	return nil
}

func parsePos(k, v string) (eventstore.Position, error) {
	p, err := eventstore.ParsePosition(v)
	if err != nil {
		return p, domain.Errorf(domain.CodeValidation, k+" must be a log position")
	}
	return p, nil
}

// past reports whether rec lies beyond the until bound (the scan stops).
func (f *auditFilter) past(rec eventstore.Record) bool {
	return f.hasUntil && f.until.Less(rec.Position)
}

// match reports whether a row passes every filter.
func (f *auditFilter) match(r *auditRow) bool {
	switch {
	case f.person != "" && r.Subject != f.person,
		f.actor != "" && r.Actor != f.actor,
		f.org != "" && r.Organization != f.org,
		f.types != nil && !f.types[r.Type],
		f.typePrefix != "" && !strings.HasPrefix(r.Type, f.typePrefix),
		f.outcome != "" && r.Outcome != f.outcome,
		!f.from.IsZero() && r.OccurredAt.Before(f.from),
		!f.to.IsZero() && !r.OccurredAt.Before(f.to):
		return false
	}
	return true
}

// summary is the filter set recorded in audit.read (no cursor).
func (f *auditFilter) summary(raw string) string {
	params, _ := url.ParseQuery(raw)
	params.Del("cursor")
	return params.Encode()
}
