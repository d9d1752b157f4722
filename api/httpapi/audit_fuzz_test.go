package httpapi

import (
	"errors"
	"testing"

	"github.com/authledger/authledger/domain"
)

// FuzzAuditFilter: any query string and Accept header parse to a filter
// or a validation error (a 400), never a panic or another error.
func FuzzAuditFilter(f *testing.F) {
	for _, seed := range []string{"", "person=P1&type=a.b,c.d&outcome=failure", "from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
		"after=0.5&until=0.9&limit=10", "format=csv&include=pii", "cursor=1.2", "type_prefix=session.", "%zz", "limit=-1"} {
		f.Add(seed, "application/x-ndjson")
	}
	f.Fuzz(func(t *testing.T, raw, accept string) {
		flt, err := parseAuditFilter(raw, accept)
		var de *domain.Error
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("%q: non-domain error %v", raw, err)
		}
		if err == nil && (flt.limit < 1 || flt.limit > 1000 || auditFormats[flt.format] == "") {
			t.Fatalf("%q: accepted bad filter %+v", raw, flt)
		}
	})
}

// FuzzAsOfBound: any at value is a bound or a validation error.
func FuzzAsOfBound(f *testing.F) {
	for _, seed := range []string{"", "0.5", "2026-11-27T09:00:00Z", "2026-11-27T09:00:00.123+01:00", "1.", ".1", "x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		_, err := parseAsOfBound(v)
		var de *domain.Error
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("%q: non-domain error %v", v, err)
		}
	})
}
