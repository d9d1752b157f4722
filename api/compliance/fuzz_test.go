package compliance

import (
	"errors"
	"testing"

	"github.com/authledger/authledger/domain"
)

// FuzzParseFilter: any query text parses to a valid filter or a
// validation error (a 400), never a panic or another error.
func FuzzParseFilter(f *testing.F) {
	for _, seed := range []string{"", "person=P1&type=a.b,c.d&outcome=failure", "from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
		"after=0.5&until=0.9&limit=10", "format=csv&include=pii", "cursor=1.2", "type_prefix=session.", "%zz", "limit=-1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		flt, err := ParseFilter(raw)
		var de *domain.Error
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("%q: non-domain error %v", raw, err)
		}
		if err == nil && (flt.Validate() != nil || flt.limit() < 1 || flt.limit() > MaxLimit) {
			t.Fatalf("%q: accepted bad filter %+v", raw, flt)
		}
		if err == nil {
			if again, err := ParseFilter(flt.Query()); err != nil || again.Query() != flt.Query() {
				t.Fatalf("%q: Query %q does not parse back (%v)", raw, flt.Query(), err)
			}
		}
	})
}

// FuzzParseBound: any at value is a bound or a validation error.
func FuzzParseBound(f *testing.F) {
	for _, seed := range []string{"", "0.5", "2026-11-27T09:00:00Z", "2026-11-27T09:00:00.123+01:00", "1.", ".1", "x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		b, err := ParseBound("at", v)
		var de *domain.Error
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("%q: non-domain error %v", v, err)
		}
		if err == nil {
			if again, err := ParseBound("at", b.String()); err != nil || again.String() != b.String() {
				t.Fatalf("%q: String %q does not parse back (%v)", v, b.String(), err)
			}
		}
	})
}
