package httpapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/audit"
	"github.com/authledger/authledger/domain/operatorkey"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// TestOperatorKeyLifecycle: the bootstrap key creates a key over HTTP
// (201, the token shown once), the key works within its scopes, GET shows
// it without any secret and with its last use, DELETE revokes it and the
// very next request with it is 401 OPERATOR_KEY_REVOKED.
func TestOperatorKeyLifecycle(t *testing.T) {
	h := newHarness(t)
	r := h.operator("POST", "/v1/keys", `{"name":"metrics scraper","scopes":["metrics:read","ontology:read","metrics:read"]}`, adminKey)
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	var created struct {
		ID, Name, Token string
		Scopes          []string
		ExpiresAt       *time.Time
	}
	if err := json.Unmarshal(r.body, &created); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(created.Token, "alk_"+created.ID+"_") || created.Name != "metrics scraper" ||
		strings.Join(created.Scopes, ",") != "metrics:read,ontology:read" || created.ExpiresAt != nil {
		t.Fatalf("created: %s", r.body)
	}
	if got := h.operator("GET", "/metrics", "", created.Token); got.status != 200 {
		t.Errorf("metrics with the key: %d %s", got.status, got.body)
	}
	wantKeyCode(t, "keys with the key", h.operator("GET", "/v1/keys", "", created.Token), 403, "INSUFFICIENT_SCOPE")

	list := h.operator("GET", "/v1/keys", "", adminKey)
	secret := strings.TrimPrefix(created.Token, "alk_"+created.ID+"_")
	if list.status != 200 || strings.Contains(string(list.body), secret) || strings.Contains(string(list.body), "token") ||
		strings.Contains(string(list.body), "secretHash") {
		t.Fatalf("list: %d %s", list.status, list.body)
	}
	one := h.operator("GET", "/v1/keys/"+created.ID, "", adminKey)
	if one.status != 200 || one.json(t)["lastUsedAt"] == nil || one.json(t)["revokedAt"] != nil {
		t.Errorf("get: %d %s", one.status, one.body)
	}
	if got := h.operator("DELETE", "/v1/keys/"+created.ID, "", adminKey); got.status != 200 || got.json(t)["revokedAt"] == nil {
		t.Fatalf("revoke: %d %s", got.status, got.body)
	}
	wantKeyCode(t, "metrics after revocation", h.operator("GET", "/metrics", "", created.Token), 401, "OPERATOR_KEY_REVOKED")
	if got := h.operator("DELETE", "/v1/keys/"+created.ID, "", adminKey); got.status != 200 {
		t.Errorf("revoking again: %d %s", got.status, got.body)
	}
	if evs, _ := h.recordsOf("operatorkey.revoked"); len(evs) != 1 {
		t.Errorf("%d revoked events, want 1", len(evs))
	}
	wantKeyCode(t, "unknown key id", h.operator("GET", "/v1/keys/P0000000000000000000000000000404", "", adminKey),
		404, "OPERATOR_KEY_NOT_FOUND")
	wantKeyCode(t, "revoke unknown", h.operator("DELETE", "/v1/keys/nope", "", adminKey), 404, "OPERATOR_KEY_NOT_FOUND")
}

// TestOperatorKeyRefusals: what is not a live key with its right secret is
// 401 with a code; a creation that is not valid is a 400 that writes
// nothing.
func TestOperatorKeyRefusals(t *testing.T) {
	h := newHarness(t)
	_, tok := h.newKey("reader", operatorkey.ScopeOntologyRead)
	wrongSecret := tok[:len(tok)-1] + map[bool]string{true: "1", false: "0"}[strings.HasSuffix(tok, "0")]
	exp := h.clock.Now().Add(time.Hour)
	r := h.operator("POST", "/v1/keys", `{"name":"temp","scopes":["ontology:read"],"expiresAt":"`+exp.Format(time.RFC3339)+`"}`, adminKey)
	if r.status != 201 {
		t.Fatalf("create expiring: %d %s", r.status, r.body)
	}
	expiring := r.json(t)["token"].(string)
	tests := []struct {
		name, auth, code string
	}{
		{"no header", "", "UNAUTHORIZED"},
		{"not bearer", "Basic " + tok, "UNAUTHORIZED"},
		{"empty bearer", "Bearer ", "UNAUTHORIZED"},
		{"garbage", "Bearer garbage", "UNAUTHORIZED"},
		{"unknown id", "Bearer alk_P0000000000000000000000000000404_" + strings.Repeat("ab", 32), "UNAUTHORIZED"},
		{"wrong secret", "Bearer " + wrongSecret, "UNAUTHORIZED"},
		{"truncated", "Bearer " + tok[:len(tok)-2], "UNAUTHORIZED"},
		{"bootstrap with a suffix", "Bearer " + adminKey + "x", "UNAUTHORIZED"},
	}
	for _, tt := range tests {
		hs := map[string]string{"Authorization": tt.auth}
		wantKeyCode(t, tt.name, h.do(req{method: "GET", path: "/v1/ontology/people", headers: hs}), 401, tt.code)
	}
	if got := h.operator("GET", "/v1/ontology/people", "", expiring); got.status != 200 {
		t.Errorf("expiring key before expiry: %d %s", got.status, got.body)
	}
	h.clock.Advance(time.Hour)
	wantKeyCode(t, "expired", h.operator("GET", "/v1/ontology/people", "", expiring), 401, "OPERATOR_KEY_EXPIRED")
	if got := h.operator("GET", "/v1/ontology/people", "", tok); got.status != 200 {
		t.Errorf("a key without expiry after an hour: %d %s", got.status, got.body)
	}

	before := h.head()
	bad := []struct{ name, body, code string }{
		{"unknown scope", `{"name":"x","scopes":["people:everything"]}`, "UNKNOWN_SCOPE"},
		{"no scopes", `{"name":"x","scopes":[]}`, "VALIDATION_ERROR"},
		{"no name", `{"scopes":["audit:read"]}`, "VALIDATION_ERROR"},
		{"control character", `{"name":"a\u0007b","scopes":["audit:read"]}`, "VALIDATION_ERROR"},
		{"long name", `{"name":"` + strings.Repeat("n", 65) + `","scopes":["audit:read"]}`, "VALIDATION_ERROR"},
		{"past expiry", `{"name":"x","scopes":["audit:read"],"expiresAt":"2020-01-01T00:00:00Z"}`, "VALIDATION_ERROR"},
		{"unknown field", `{"name":"x","scopes":["audit:read"],"secret":"mine"}`, ""},
		{"not json", `name=x`, ""},
	}
	for _, tt := range bad {
		wantKeyCode(t, tt.name, h.operator("POST", "/v1/keys", tt.body, adminKey), 400, tt.code)
	}
	if h.head() != before {
		t.Error("a refused creation appended")
	}
}

// TestOperatorKeyAttribution: what a key does is recorded as key:<id> —
// a ban, a read of the trail (audit.read), the creation of another key —
// and the bootstrap key stays "admin"; no secret is in the log.
func TestOperatorKeyAttribution(t *testing.T) {
	h := newHarness(t)
	_, r := h.signUp("ada@example.com", "correct horse 1", "Ada")
	id := r.json(t)["user"].(map[string]any)["id"].(string)
	k, tok := h.newKey("moderator", operatorkey.ScopePeopleBan, operatorkey.ScopeAuditRead, operatorkey.ScopeAdminKeys)
	if got := h.operator("POST", "/v1/people/"+id+"/ban", `{"reason":"abuse"}`, tok); got.status != 200 {
		t.Fatalf("ban: %d %s", got.status, got.body)
	}
	if got := h.operator("GET", "/v1/audit/events?type_prefix=person.", "", tok); got.status != 200 {
		t.Fatalf("read: %d %s", got.status, got.body)
	}
	created := h.operator("POST", "/v1/keys", `{"name":"second","scopes":["audit:read"]}`, tok)
	if created.status != 201 {
		t.Fatalf("create: %d %s", created.status, created.body)
	}
	if got := h.operator("POST", "/v1/people/"+id+"/unban", "", adminKey); got.status != 200 {
		t.Fatalf("unban: %d %s", got.status, got.body)
	}
	want := map[string]string{person.TypeBanned: "key:" + k.ID, audit.TypeRead: "key:" + k.ID,
		person.TypeUnbanned: "admin"}
	for typ, actor := range want {
		evs, metas := h.recordsOf(typ)
		if len(evs) != 1 || metas[0].Actor != actor {
			t.Errorf("%s: %d events, actor %+v, want %s", typ, len(evs), metas, actor)
		}
	}
	evs, metas := h.recordsOf(operatorkey.TypeCreated)
	if len(evs) != 2 || metas[0].Actor != "admin" || metas[1].Actor != "key:"+k.ID {
		t.Errorf("created by: %+v", metas)
	}
	secret := created.json(t)["token"].(string)
	secret = secret[strings.LastIndex(secret, "_")+1:]
	all, _ := h.store.ReadAll(t.Context(), eventstore.Position{}, 100000)
	for _, rec := range all {
		if strings.Contains(string(rec.Data)+string(rec.Meta), secret) {
			t.Errorf("%s carries the key's secret", rec.Type)
		}
	}
}

// TestOperatorKeyUseThrottled: every use moves lastUsedAt, but the log
// gets operatorkey.used at most once per key per minute.
func TestOperatorKeyUseThrottled(t *testing.T) {
	h := newHarness(t)
	k, tok := h.newKey("scraper", operatorkey.ScopeMetricsRead)
	for range 5 {
		if got := h.operator("GET", "/metrics", "", tok); got.status != 200 {
			t.Fatalf("metrics: %d", got.status)
		}
		h.clock.Advance(10 * time.Second)
	}
	if evs, _ := h.recordsOf(operatorkey.TypeUsed); len(evs) != 1 {
		t.Errorf("%d used events after 5 uses within a minute, want 1", len(evs))
	}
	h.clock.Advance(20 * time.Second)
	last := h.clock.Now().UTC().Truncate(time.Millisecond)
	h.operator("GET", "/metrics", "", tok)
	evs, metas := h.recordsOf(operatorkey.TypeUsed)
	if len(evs) != 2 || metas[1].Actor != "key:"+k.ID {
		t.Errorf("used events after a minute: %d %+v", len(evs), metas)
	}
	got := h.operator("GET", "/v1/keys/"+k.ID, "", adminKey).json(t)["lastUsedAt"]
	if got != last.Format("2006-01-02T15:04:05Z07:00") && got != last.Format(time.RFC3339Nano) {
		t.Errorf("lastUsedAt %v, want %v", got, last)
	}
}

// TestOperatorSurfaceOff: without a bootstrap key and without any
// operator key the operator routes do not exist; once a key exists
// (created from the command line, say) they answer to it.
func TestOperatorSurfaceOff(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.AdminKey = "" })
	for _, p := range []string{"/v1/keys", "/metrics", "/v1/audit/events"} {
		if got := h.do(req{method: "GET", path: p, headers: bearer("anything")}); got.status != 404 {
			t.Errorf("%s without keys: %d", p, got.status)
		}
	}
	_, tok := h.newKey("ops", operatorkey.ScopeAdminKeys)
	if got := h.operator("GET", "/v1/keys", "", tok); got.status != 200 {
		t.Errorf("keys with a key: %d %s", got.status, got.body)
	}
	wantKeyCode(t, "empty bootstrap is no key", h.do(req{method: "GET", path: "/v1/keys", headers: map[string]string{"Authorization": "Bearer "}}),
		401, "UNAUTHORIZED")
}

// TestOperatorKeyNoEscalation: admin:keys lets a key hand out only the
// scopes it holds itself; the bootstrap key may grant any.
func TestOperatorKeyNoEscalation(t *testing.T) {
	h := newHarness(t)
	_, tok := h.newKey("key admin", operatorkey.ScopeAdminKeys, operatorkey.ScopeAuditRead)
	tests := []struct {
		name, key, scopes string
		status            int
	}{
		{"a held scope", tok, `["audit:read"]`, 201},
		{"every held scope", tok, `["audit:read","admin:keys"]`, 201},
		{"erasure", tok, `["people:erase"]`, 403},
		{"pii besides a held one", tok, `["audit:read","audit:pii"]`, 403},
		{"bootstrap grants erasure", adminKey, `["people:erase"]`, 201},
	}
	for _, tt := range tests {
		before := h.head()
		r := h.operator("POST", "/v1/keys", `{"name":"minted","scopes":`+tt.scopes+`}`, tt.key)
		if r.status != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.name, r.status, r.body, tt.status)
		}
		if tt.status == 403 && (r.json(t)["code"] != "INSUFFICIENT_SCOPE" || h.head() != before) {
			t.Errorf("%s: %s, head moved %v", tt.name, r.body, h.head() != before)
		}
	}
}
