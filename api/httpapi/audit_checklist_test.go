package httpapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
)

const checklistUA = "checklist-54-agent/1.0"

// auditStep is one auth call of the matrix.
type auditStep struct {
	name  string
	call  func(h *harness, s *auditSession) resp
	types []string // the audit events it must append, in order
	actor string   // "self", "" (unauthenticated attempt)
	out   string   // outcome of the first event
}

// auditSession carries the cookie between steps.
type auditSession struct{ cookie, id string }

func ua(hs map[string]string) map[string]string {
	if hs == nil {
		hs = map[string]string{}
	}
	hs["User-Agent"] = checklistUA
	return hs
}

func auditMatrix() []auditStep {
	post := func(path, body string, withSession bool) func(*harness, *auditSession) resp {
		return func(h *harness, s *auditSession) resp {
			var hs map[string]string
			if withSession {
				hs = withCookie(s.cookie)
			}
			return h.post(path, body, ua(hs))
		}
	}
	return []auditStep{
		{"sign-up", func(h *harness, s *auditSession) resp {
			r := h.post("/sign-up/email", `{"email":"ck@example.com","password":"correct horse 1","name":"Ck"}`, ua(nil))
			s.cookie = cookieHeader(r)
			return r
		}, []string{"person.signed_up", "account.created", "session.created"}, "self", "success"},
		{"sign-in wrong password", post("/sign-in/email", `{"email":"ck@example.com","password":"wrong horse 1"}`, false),
			[]string{"account.sign_in_failed", "signin.failed"}, "", "failure"},
		{"sign-in", func(h *harness, s *auditSession) resp {
			r := h.post("/sign-in/email", `{"email":"ck@example.com","password":"correct horse 1"}`, ua(nil))
			s.cookie = cookieHeader(r)
			return r
		}, []string{"account.sign_in_succeeded", "signin.cleared", "session.created"}, "", "success"},
		{"update-user", post("/update-user", `{"name":"Ck Two"}`, true), []string{"person.profile_updated"}, "self", "success"},
		{"change-password wrong current", post("/change-password", `{"currentPassword":"nope nope 1","newPassword":"new horse 22"}`, true),
			[]string{"account.password_change_failed"}, "self", "failure"},
		{"change-password", post("/change-password", `{"currentPassword":"correct horse 1","newPassword":"new horse 22"}`, true),
			[]string{"account.password_changed"}, "self", "success"},
		{"sign-out", post("/sign-out", `{}`, true), []string{"session.revoked"}, "self", "success"},
	}
}

// TestChecklist54AuditEvents: every auth endpoint of the matrix appends
// exactly the expected audit events, each with actor, subject, outcome,
// UTC time, IP, user agent and the request id of the call.
func TestChecklist54AuditEvents(t *testing.T) {
	h := newHarness(t)
	s := &auditSession{}
	for _, st := range auditMatrix() {
		before := h.head()
		r := st.call(h, s)
		after := h.head()
		rows := auditRange(t, h, before, after)
		got := []string{}
		for _, row := range rows {
			got = append(got, row.Type)
		}
		if strings.Join(got, ",") != strings.Join(st.types, ",") {
			t.Errorf("%s (status %d): events %v, want %v", st.name, r.status, got, st.types)
			continue
		}
		if s.id == "" {
			s.id = rows[0].Subject
		}
		checkAuditRows(t, st, rows, s.id, r.header.Get("X-Request-Id"))
	}
}

// checkAuditRows checks every field an audit row must carry.
func checkAuditRows(t *testing.T, st auditStep, rows []auditRow, id, reqID string) {
	t.Helper()
	for i, row := range rows {
		actor := ""
		if st.actor == "self" {
			actor = id
		}
		switch {
		case row.Subject != id && !strings.HasPrefix(row.Type, "signin."), // the address's throttle is about no person
			row.Actor != actor && !(st.actor == "" && row.Actor == id):
			t.Errorf("%s: %s subject %q actor %q, want subject %q actor %q", st.name, row.Type, row.Subject, row.Actor, id, actor)
		case i == 0 && row.Outcome != st.out:
			t.Errorf("%s: %s outcome %q, want %q", st.name, row.Type, row.Outcome, st.out)
		case row.OccurredAt.Location() != time.UTC || row.OccurredAt.IsZero():
			t.Errorf("%s: %s time %v not UTC", st.name, row.Type, row.OccurredAt)
		case row.IP == "" || row.UserAgent != checklistUA:
			t.Errorf("%s: %s ip %q ua %q", st.name, row.Type, row.IP, row.UserAgent)
		case row.RequestID == "" || row.RequestID != reqID:
			t.Errorf("%s: %s request id %q, response said %q", st.name, row.Type, row.RequestID, reqID)
		case row.OWASP == "" || row.OWASP == "unknown":
			t.Errorf("%s: %s has no OWASP name", st.name, row.Type)
		}
	}
}

// auditRange returns the audit rows (with PII) of (before, after].
func auditRange(t *testing.T, h *harness, before, after eventstore.Position) []auditRow {
	t.Helper()
	if after == before {
		return nil
	}
	r := auditGet(h, "/v1/audit/events?include=pii&limit=1000&after="+before.String()+"&until="+after.String())
	var p struct {
		Items []auditRow `json:"items"`
	}
	if r.status != http.StatusOK || json.Unmarshal(r.body, &p) != nil {
		t.Fatalf("audit read: %d %s", r.status, r.body)
	}
	return p.Items
}
