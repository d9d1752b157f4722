package httpapi

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain/audit"
)

// auditGet GETs a /v1/audit path with the admin key.
func auditGet(h *harness, path string, headers ...string) resp {
	h.t.Helper()
	hs := map[string]string{"Authorization": "Bearer " + adminKey}
	for i := 0; i+1 < len(headers); i += 2 {
		hs[headers[i]] = headers[i+1]
	}
	return h.do(req{method: http.MethodGet, path: path, headers: hs})
}

// auditFixture: alice signs up, fails a sign-in, signs in; bob signs up.
func auditFixture(t *testing.T) (h *harness, alice string) {
	h = newHarness(t)
	_, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	alice = r.json(t)["user"].(map[string]any)["id"].(string)
	h.post("/sign-in/email", `{"email":"alice@example.com","password":"wrong password 1"}`, nil)
	h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil)
	h.signUp("bob@example.com", "bob password 1", "Bob")
	return h, alice
}

func pageRows(t *testing.T, r resp) ([]auditRow, string) {
	t.Helper()
	var p struct {
		Items []auditRow `json:"items"`
		Next  string     `json:"next"`
	}
	if r.status != 200 {
		t.Fatalf("status %d %s", r.status, r.body)
	}
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatal(err)
	}
	return p.Items, p.Next
}

func TestAuditEventsFilters(t *testing.T) {
	h, alice := auditFixture(t)
	rows, _ := pageRows(t, auditGet(h, "/v1/audit/events?limit=1&person="+alice))
	first := rows[0]
	tests := []struct {
		name  string
		query string
		want  []string // OWASP names in order
	}{
		{"person", "person=" + alice + "&type_prefix=account.", []string{"user_created", "authn_login_fail", "authn_login_successafterfail"}},
		{"failures", "person=" + alice + "&outcome=failure", []string{"authn_login_fail"}},
		{"exact types", "person=" + alice + "&type=session.created,person.signed_up", []string{"user_created", "session_created", "session_created"}},
		{"actor", "actor=" + alice + "&type=person.signed_up", []string{"user_created"}},
		{"position range", "until=" + first.Position + "&person=" + alice, []string{"user_created"}},
		{"after the first", "limit=1&after=" + first.Position + "&person=" + alice, []string{"user_created"}},
		{"time range in the future", "from=2999-01-01T00:00:00Z", []string{}},
	}
	for _, tt := range tests {
		rows, _ := pageRows(t, auditGet(h, "/v1/audit/events?"+tt.query))
		got := []string{}
		for _, r := range rows {
			got = append(got, r.OWASP)
			if r.ID == "" || r.OccurredAt.IsZero() || r.Position == "" || r.Type == "" {
				t.Errorf("%s: incomplete row %+v", tt.name, r)
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAuditEventsBadQueries(t *testing.T) {
	h, _ := auditFixture(t)
	for _, q := range []string{"nope=1", "outcome=maybe", "from=yesterday", "after=x", "limit=0", "limit=5000",
		"format=xml", "include=secrets", "type=a&type=b"} {
		if r := auditGet(h, "/v1/audit/events?"+q); r.status != 400 {
			t.Errorf("%s: %d %s", q, r.status, r.body)
		}
	}
	if r := h.do(req{method: http.MethodGet, path: "/v1/audit/events", headers: map[string]string{"Authorization": "Bearer wrong"}}); r.status != 401 {
		t.Errorf("wrong admin key: %d", r.status)
	}
}

// TestAuditEventsPaginationAndReads: limit=1 pages cover the same rows as
// one page, and every read appended one audit.read.
func TestAuditEventsPaginationAndReads(t *testing.T) {
	h, alice := auditFixture(t)
	all, next := pageRows(t, auditGet(h, "/v1/audit/events?limit=1000&person="+alice))
	var paged []auditRow
	cursor := ""
	for i := 0; i < 100; i++ {
		rows, n := pageRows(t, auditGet(h, "/v1/audit/events?limit=1&person="+alice+cursor))
		paged = append(paged, rows...)
		if n == "" {
			break
		}
		cursor = "&cursor=" + n
	}
	if next != "" || len(all) < 5 || len(paged) != len(all) {
		t.Fatalf("one page %d rows (next %q), paged %d rows", len(all), next, len(paged))
	}
	for i := range all {
		if paged[i].Position != all[i].Position {
			t.Errorf("row %d: paged %s, single page %s", i, paged[i].Position, all[i].Position)
		}
	}
	reads := 0
	for _, ev := range h.events() {
		if r, ok := ev.(audit.Read); ok && r.Route == "/v1/audit/events" {
			reads++
		}
	}
	if reads < 2+len(paged)-1 {
		t.Errorf("%d audit.read events for %d reads", reads, len(paged)+1)
	}
}

// TestAuditExportPII: PII only with include=pii, never a secret; NDJSON
// and CSV carry the same rows.
func TestAuditExportPII(t *testing.T) {
	h, alice := auditFixture(t)
	plain := auditGet(h, "/v1/audit/events?format=ndjson&person="+alice)
	pii := auditGet(h, "/v1/audit/events?person="+alice, "Accept", "application/x-ndjson", "X-Pii", "")
	withPII := auditGet(h, "/v1/audit/events?format=ndjson&include=pii&person="+alice)
	if ct := plain.header.Get("Content-Type"); ct != "application/x-ndjson" || pii.header.Get("Content-Type") != ct {
		t.Errorf("content types %q %q", ct, pii.header.Get("Content-Type"))
	}
	if bytes.Contains(plain.body, []byte("alice@example.com")) || !bytes.Contains(withPII.body, []byte("alice@example.com")) {
		t.Errorf("email: without include=pii %v, with %v", bytes.Contains(plain.body, []byte("alice@")), bytes.Contains(withPII.body, []byte("alice@")))
	}
	for _, secret := range []string{"argon2", "passwordHash", "tokenHash", "correct horse", "wrong password"} {
		if bytes.Contains(withPII.body, []byte(secret)) {
			t.Errorf("export holds %q", secret)
		}
	}
	lines := 0
	sc := bufio.NewScanner(bytes.NewReader(withPII.body))
	for sc.Scan() {
		var r auditRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.Subject != alice {
			t.Errorf("line %q: %v", sc.Text(), err)
		}
		lines++
	}
	csvr := auditGet(h, "/v1/audit/events?format=csv&include=pii&person="+alice)
	recs, err := csv.NewReader(bytes.NewReader(csvr.body)).ReadAll()
	if err != nil || len(recs) != lines+1 || strings.Join(recs[0], ",") != strings.Join(auditCSVHeader, ",") {
		t.Errorf("csv: %d records (want %d) %v", len(recs), lines+1, err)
	}
}
