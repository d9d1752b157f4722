package httpapi

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain/operatorkey"
)

// operatorRoutes is every operator route: the /v1 table and /metrics,
// with the /v1 prefix on the paths of the table.
func operatorRoutes(h *harness) []route {
	rs := []route{{Method: http.MethodGet, Path: "/metrics"}}
	for _, r := range h.srv.allAdminRoutes() {
		rs = append(rs, r)
	}
	return rs
}

// urlOf is a requestable path of r: /v1 prefixed, :params filled with a
// well-formed id nobody has.
func urlOf(r route) string {
	p := strings.ReplaceAll(r.Path, ":id", "P0000000000000000000000000000404")
	if r.Path == "/metrics" {
		return p
	}
	return "/v1" + p
}

// TestEveryAdminRouteHasAScope: the scope table names exactly one known
// scope for every operator route, and nothing else.
func TestEveryAdminRouteHasAScope(t *testing.T) {
	h := newHarness(t)
	seen := map[string]bool{}
	for _, r := range operatorRoutes(h) {
		key := r.Method + " " + r.Path
		seen[key] = true
		scope, ok := adminScopes[key]
		if !ok {
			t.Errorf("%s has no scope in adminScopes", key)
			continue
		}
		if !operatorkey.KnownScope(scope) {
			t.Errorf("%s needs unknown scope %q", key, scope)
		}
	}
	for key := range adminScopes {
		if !seen[key] {
			t.Errorf("adminScopes names %s, which is no route", key)
		}
	}
}

// TestScopesEnforcedOnEveryRoute, generated from the route table: a key
// holding every scope but the one a route needs gets 403
// INSUFFICIENT_SCOPE there, a key holding only that scope gets past the
// check (whatever the handler then answers, never 401 or 403), and a
// request without a key gets 401.
func TestScopesEnforcedOnEveryRoute(t *testing.T) {
	h := newHarness(t)
	only, without := map[string]string{}, map[string]string{}
	for _, s := range operatorkey.AllScopes() {
		_, only[s] = h.newKey("only "+s, s)
		others := slices.DeleteFunc(operatorkey.AllScopes(), func(o string) bool { return o == s })
		_, without[s] = h.newKey("without "+s, others...)
	}
	for _, r := range operatorRoutes(h) {
		scope := adminScopes[r.Method+" "+r.Path]
		url := urlOf(r)
		body := ""
		if r.Method == http.MethodPost {
			body = "{}"
		}
		t.Run(r.Method+" "+r.Path, func(t *testing.T) {
			wantKeyCode(t, "no key", h.do(req{method: r.Method, path: url, body: body}), 401, "UNAUTHORIZED")
			wantKeyCode(t, "without "+scope, h.operator(r.Method, url, body, without[scope]), 403, "INSUFFICIENT_SCOPE")
			if got := h.operator(r.Method, url, body, only[scope]); got.status == 401 || got.status == 403 {
				t.Errorf("only %s: %d %s", scope, got.status, got.body)
			}
			if got := h.operator(r.Method, url, body, adminKey); got.status == 401 || got.status == 403 {
				t.Errorf("bootstrap key: %d %s", got.status, got.body)
			}
		})
	}
}

// TestAuditReadOnlyKey is the separation of duties the keys exist for: a
// key with audit:read alone reads the trail but gets 403 on erasure, on
// include=pii exports (JSON and streamed), on as-of state and on bans;
// adding audit:pii opens the PII export and nothing else.
func TestAuditReadOnlyKey(t *testing.T) {
	h := newHarness(t)
	_, r := h.signUp("ada@example.com", "correct horse 1", "Ada")
	id := r.json(t)["user"].(map[string]any)["id"].(string)
	_, reader := h.newKey("auditor", operatorkey.ScopeAuditRead)
	_, pii := h.newKey("dpo", operatorkey.ScopeAuditRead, operatorkey.ScopeAuditPII)
	tests := []struct {
		name, method, path, key string
		status                  int
	}{
		{"read the trail", "GET", "/v1/audit/events", reader, 200},
		{"export csv", "GET", "/v1/audit/events?format=csv", reader, 200},
		{"verify", "GET", "/v1/audit/verify", reader, 501},
		{"pii export", "GET", "/v1/audit/events?include=pii", reader, 403},
		{"pii csv export", "GET", "/v1/audit/events?format=csv&include=pii", reader, 403},
		{"pii, encoded key", "GET", "/v1/audit/events?%69nclude=pii", reader, 403},
		{"pii, malformed query", "GET", "/v1/audit/events?include=pii&%zz", reader, 403},
		{"erasure", "POST", "/v1/people/" + id + "/forget", reader, 403},
		{"as-of state", "GET", "/v1/audit/as-of?at=1&person=" + id, reader, 403},
		{"ban", "POST", "/v1/people/" + id + "/ban", reader, 403},
		{"keys", "GET", "/v1/keys", reader, 403},
		{"pii export with audit:pii", "GET", "/v1/audit/events?include=pii", pii, 200},
		{"erasure with audit:pii", "POST", "/v1/people/" + id + "/forget", pii, 403},
	}
	for _, tt := range tests {
		got := h.operator(tt.method, tt.path, "", tt.key)
		if got.status != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.name, got.status, got.body, tt.status)
		}
		if tt.status == 403 && got.json(t)["code"] != "INSUFFICIENT_SCOPE" {
			t.Errorf("%s: %s", tt.name, got.body)
		}
	}
	h.projected()
	if p, err := h.read.GetPerson(t.Context(), id); err != nil || p.Status == "erased" {
		t.Errorf("person after refused erasure: %+v %v", p, err)
	}
	// the refused erasure is in the trail, named by the key, as a failure
	h.operator("POST", "/v1/people/"+id+"/forget", "", reader) // again within the minute: not recorded twice
	evs, metas := h.recordsOf(operatorkey.TypeRefused)
	var erasures int
	for i, ev := range evs {
		r := ev.(operatorkey.Refused)
		if r.Route == "POST /v1/people/:id/forget" && r.Scope == operatorkey.ScopePeopleErase {
			erasures++
			if metas[i].Actor != "key:"+r.KeyID || r.KeyID == "" {
				t.Errorf("refusal actor %q for key %q", metas[i].Actor, r.KeyID)
			}
		}
	}
	if erasures != 2 { // the audit:read key's and the dpo key's
		t.Errorf("%d recorded erasure refusals, want 2: %+v", erasures, evs)
	}
	rows := h.operator("GET", "/v1/audit/events?type=operatorkey.refused&outcome=failure", "", pii)
	if rows.status != 200 || !strings.Contains(string(rows.body), `"owasp":"authz_fail"`) {
		t.Errorf("refusals in the trail: %d %s", rows.status, rows.body)
	}
}
