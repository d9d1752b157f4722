package compliance_test

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// TestParseFilter: the query text of an audit read becomes a typed
// filter, whose Query is the canonical filter set (aliases resolved, no
// cursor); bad values are validation errors with Better Auth-style
// messages.
func TestParseFilter(t *testing.T) {
	until := eventstore.Position{Lo: 9}
	tests := []struct {
		query     string
		want      compliance.Filter
		wantQuery string
		wantErr   string
	}{
		{"", compliance.Filter{}, "", ""},
		{"subject=P1&group=G1&type=a.b,+c.d", compliance.Filter{Person: "P1", Organization: "G1", Types: []string{"a.b", "c.d"}},
			"organization=G1&person=P1&type=a.b%2Cc.d", ""},
		{"after=0.5&until=0.9&cursor=0.7&limit=10", compliance.Filter{After: eventstore.Position{Lo: 5}, Until: &until,
			Cursor: eventstore.Position{Lo: 7}, Limit: 10}, "after=0.5&limit=10&until=0.9", ""},
		{"from=2026-01-01T00:00:00Z&format=text/csv&include=pii&outcome=failure", compliance.Filter{
			From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Format: compliance.FormatCSV, IncludePII: true, Outcome: "failure"},
			"format=csv&from=2026-01-01T00%3A00%3A00Z&include=pii&outcome=failure", ""},
		{"nope=1", compliance.Filter{}, "", `unknown query parameter "nope"`},
		{"type=a&type=b", compliance.Filter{}, "", `query parameter "type" must appear once`},
		{"outcome=maybe", compliance.Filter{}, "", "outcome must be success or failure"},
		{"from=yesterday", compliance.Filter{}, "", "from must be an RFC 3339 time"},
		{"after=x", compliance.Filter{}, "", "after must be a log position"},
		{"limit=0", compliance.Filter{}, "", "limit must be 1..1000"},
		{"format=xml", compliance.Filter{}, "", "format must be json, ndjson or csv"},
		{"include=secrets", compliance.Filter{}, "", "include must be pii"},
		{"%zz", compliance.Filter{}, "", "malformed query string"},
	}
	for _, tt := range tests {
		got, err := compliance.ParseFilter(tt.query)
		var de *domain.Error
		if tt.wantErr != "" {
			if !errors.As(err, &de) || de.Code != domain.CodeValidation || de.Message != tt.wantErr {
				t.Errorf("%q: err %v, want %q", tt.query, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.Query() != tt.wantQuery || got.Person != tt.want.Person || got.Cursor != tt.want.Cursor ||
			got.Format != tt.want.Format || len(got.Types) != len(tt.want.Types) || !got.From.Equal(tt.want.From) {
			t.Errorf("%q: %+v (query %q) %v, want %+v (query %q)", tt.query, got, got.Query(), err, tt.want, tt.wantQuery)
		}
	}
}
