package compliance

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// ParseFilter reads the query text of an audit read (the query string of
// GET /v1/audit/events, or the CLI's --query): person (or subject), actor,
// organization (or group), type=a,b, type_prefix, outcome, from/to (RFC
// 3339), after/until (log positions; after exclusive, until inclusive),
// cursor, limit (1..1000), format and include=pii. Every parameter may
// appear once; unknown ones are refused.
func ParseFilter(query string) (Filter, error) {
	var f Filter
	params, err := url.ParseQuery(query)
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
func (f *Filter) set(k, v string) error {
	var err error
	switch k {
	case "person", "subject":
		f.Person = v
	case "actor":
		f.Actor = v
	case "organization", "group":
		f.Organization = v
	case "type":
		f.Types = []string{}
		for _, t := range strings.Split(v, ",") {
			f.Types = append(f.Types, strings.TrimSpace(t))
		}
	case "type_prefix":
		f.TypePrefix = v
	case "outcome":
		if v != "success" && v != "failure" {
			return domain.Errorf(domain.CodeValidation, "outcome must be success or failure")
		}
		f.Outcome = v
	case "from", "to":
		err = f.setTime(k, v)
	case "after":
		f.After, err = ParsePosition(k, v)
	case "cursor":
		f.Cursor, err = ParsePosition(k, v)
	case "until":
		var p eventstore.Position
		p, err = ParsePosition(k, v)
		f.Until = &p
	default:
		return f.setOutput(k, v)
	}
	return err
}

// setOutput applies the parameters that shape the output.
func (f *Filter) setOutput(k, v string) error {
	switch k {
	case "limit":
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			return domain.Errorf(domain.CodeValidation, "limit must be 1..1000")
		}
		f.Limit = n
	case "format":
		var ok bool
		if f.Format, ok = ParseFormat(v); !ok {
			return domain.Errorf(domain.CodeValidation, "format must be json, ndjson or csv")
		}
	case "include":
		if v != "pii" {
			return domain.Errorf(domain.CodeValidation, "include must be pii")
		}
		f.IncludePII = true
	default:
		return domain.Errorf(domain.CodeValidation, "unknown query parameter "+strconv.Quote(k))
	}
	return nil
}

func (f *Filter) setTime(k, v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return domain.Errorf(domain.CodeValidation, k+" must be an RFC 3339 time")
	}
	if k == "from" {
		f.From = t
	} else {
		f.To = t
	}
	return nil
}

// ParsePosition reads the log position of parameter name (a validation
// error naming it otherwise). The empty string is the zero position.
func ParsePosition(name, v string) (eventstore.Position, error) {
	p, err := eventstore.ParsePosition(v)
	if err != nil {
		return p, domain.Errorf(domain.CodeValidation, name+" must be a log position")
	}
	return p, nil
}

// Query is the filter set as query text, as recorded in audit.read: the
// canonical names in sorted order, without the cursor.
func (f Filter) Query() string {
	v := url.Values{}
	add := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	add("person", f.Person)
	add("actor", f.Actor)
	add("organization", f.Organization)
	if f.Types != nil {
		v.Set("type", strings.Join(f.Types, ","))
	}
	add("type_prefix", f.TypePrefix)
	add("outcome", f.Outcome)
	if !f.From.IsZero() {
		v.Set("from", f.From.Format(time.RFC3339Nano))
	}
	if !f.To.IsZero() {
		v.Set("to", f.To.Format(time.RFC3339Nano))
	}
	if !f.After.IsZero() {
		v.Set("after", f.After.String())
	}
	if f.Until != nil {
		v.Set("until", f.Until.String())
	}
	if f.Limit != 0 {
		v.Set("limit", strconv.Itoa(f.Limit))
	}
	add("format", string(f.Format))
	if f.IncludePII {
		v.Set("include", "pii")
	}
	return v.Encode()
}
