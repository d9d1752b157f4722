package compliance_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/audit"
	"github.com/authledger/authledger/eventstore"
)

// lastRead decodes the last record, which must be an audit.read.
func lastRead(t *testing.T, f *fixture) audit.Read {
	t.Helper()
	recs := f.Records(t)
	ev, _, err := f.App.Codec.Decode(context.Background(), recs[len(recs)-1])
	if err != nil {
		t.Fatal(err)
	}
	r, ok := ev.(audit.Read)
	if !ok {
		t.Fatalf("last record is %T, want audit.read", ev)
	}
	return r
}

// TestEvents: the page holds the matching rows (with PII only when asked)
// and each read appends one audit.read with the filter set; an invalid
// filter appends nothing.
func TestEvents(t *testing.T) {
	f := newFixture(t, compliance.Deps{}, false)
	alice, _ := f.signUp("alice@example.com", "Alice")
	f.signUp("bob@example.com", "Bob")
	tests := []struct {
		name      string
		filter    compliance.Filter
		wantTypes string
		wantErr   domain.Code
		wantQuery string
	}{
		{"alice", compliance.Filter{Person: alice}, "person.signed_up,session.created", "", "person=" + alice},
		{"types", compliance.Filter{Types: []string{"session.created"}, Limit: 1}, "session.created", "", "limit=1&type=session.created"},
		{"pii", compliance.Filter{Person: alice, TypePrefix: "person.", IncludePII: true}, "person.signed_up", "",
			"include=pii&person=" + alice + "&type_prefix=person."},
		{"failures", compliance.Filter{Outcome: "failure"}, "", "", "outcome=failure"},
		{"bad outcome", compliance.Filter{Outcome: "maybe"}, "", domain.CodeValidation, ""},
		{"bad limit", compliance.Filter{Limit: 5000}, "", domain.CodeValidation, ""},
	}
	for _, tt := range tests {
		before := f.Head(t)
		page, err := f.svc.Events(context.Background(), compliance.EventsInput{Reader: admin, Filter: tt.filter})
		var de *domain.Error
		if tt.wantErr != "" {
			if !errors.As(err, &de) || de.Code != tt.wantErr || len(f.TypesSince(t, before)) != 0 {
				t.Errorf("%s: err %v, appended %v", tt.name, err, f.TypesSince(t, before))
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var types []string
		for _, r := range page.Items {
			types = append(types, r.Type)
			if (r.PII["email"] != "") != tt.filter.IncludePII || r.OWASP == "" {
				t.Errorf("%s: row %+v", tt.name, r)
			}
		}
		if got := strings.Join(types, ","); got != tt.wantTypes {
			t.Errorf("%s: rows %s, want %s", tt.name, got, tt.wantTypes)
		}
		if r := lastRead(t, f); r.Query != tt.wantQuery || r.Route != admin.Route || r.IncludePII != tt.filter.IncludePII {
			t.Errorf("%s: recorded %+v, want query %q", tt.name, r, tt.wantQuery)
		}
	}
}

// TestEventsPages: limit-1 pages follow the cursor to the end of the log.
func TestEventsPages(t *testing.T) {
	f := newFixture(t, compliance.Deps{}, false)
	alice, _ := f.signUp("alice@example.com", "Alice")
	var got []string
	flt := compliance.Filter{Person: alice, Limit: 1}
	for range 10 {
		page, err := f.svc.Events(context.Background(), compliance.EventsInput{Reader: admin, Filter: flt})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Items {
			got = append(got, r.Type)
		}
		if page.Next == "" {
			break
		}
		if flt.Cursor, err = compliance.ParsePosition("cursor", page.Next); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(got, ",") != "person.signed_up,session.created" {
		t.Errorf("paged rows %v", got)
	}
}

// TestExport: NDJSON and CSV carry the same rows; each export is
// recorded; progress runs after the batch; a JSON export is refused before
// anything is appended or written.
func TestExport(t *testing.T) {
	f := newFixture(t, compliance.Deps{}, false)
	alice, _ := f.signUp("alice@example.com", "Alice")
	reader := compliance.Reader{Actor: "admin-cli", Route: "authledger audit export"}
	export := func(flt compliance.Filter) ([]byte, int, error) {
		var buf bytes.Buffer
		progress := 0
		err := f.svc.Export(context.Background(), compliance.ExportInput{Reader: reader, Filter: flt, W: &buf,
			Progress: func(eventstore.Position) { progress++ }})
		return buf.Bytes(), progress, err
	}
	nd, progress, err := export(compliance.Filter{Person: alice, IncludePII: true})
	if err != nil || progress == 0 {
		t.Fatalf("ndjson export: %v (%d progress calls)", err, progress)
	}
	if r := lastRead(t, f); r.Route != reader.Route || r.Query != "format=ndjson&include=pii&person="+alice || !r.IncludePII {
		t.Errorf("recorded %+v", r)
	}
	rows := ndjsonRows(t, nd)
	if len(rows) != 2 || rows[0].PII["email"] != "alice@example.com" || rows[0].IP != caller.IP {
		t.Errorf("ndjson rows %+v", rows)
	}
	cs, _, err := export(compliance.Filter{Person: alice, Format: compliance.FormatCSV})
	recs := csvRows(t, cs)
	if err != nil || len(recs) != 3 || strings.Join(recs[0], ",") != strings.Join(compliance.CSVHeader, ",") ||
		recs[1][1] != rows[0].ID || strings.Contains(string(cs), "alice@example.com") {
		t.Errorf("csv export (%v): %q", err, cs)
	}
	before := f.Head(t)
	out, _, err := export(compliance.Filter{Format: compliance.FormatJSON})
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.CodeValidation || len(out) != 0 || len(f.TypesSince(t, before)) != 0 {
		t.Errorf("json export: err %v, wrote %q, appended %v", err, out, f.TypesSince(t, before))
	}
}

// csvRows parses a CSV export.
func csvRows(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// ndjsonRows parses an NDJSON export.
func ndjsonRows(t *testing.T, b []byte) []compliance.Row {
	t.Helper()
	var out []compliance.Row
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var r compliance.Row
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		out = append(out, r)
	}
	return out
}
