package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/useradmin"
)

// documentedAdminPluginRoutes are the admin plugin routes (Better Auth's
// admin plugin).
var documentedAdminPluginRoutes = map[string]bool{
	"POST /admin/create-user": true, "GET /admin/list-users": true, "GET /admin/get-user": true,
	"POST /admin/update-user": true, "POST /admin/set-role": true, "POST /admin/ban-user": true,
	"POST /admin/unban-user": true, "POST /admin/list-user-sessions": true, "POST /admin/revoke-user-session": true,
	"POST /admin/revoke-user-sessions": true, "POST /admin/impersonate-user": true,
	"POST /admin/stop-impersonating": true, "POST /admin/set-user-password": true, "POST /admin/remove-user": true,
	"POST /admin/has-permission": true,
}

// testPassword is every admin-test user's password.
const testPassword = "quietly orange paddle"

// member is a signed-up test user: id and session cookie.
type member struct{ id, cookie string }

// signUpPerson signs a user up.
func (h *harness) signUpPerson(email, name string) member {
	h.t.Helper()
	c, r := h.signUp(email, testPassword, name)
	var b struct {
		User struct{ ID string } `json:"user"`
	}
	if err := json.Unmarshal(r.body, &b); err != nil {
		h.t.Fatal(err)
	}
	return member{id: b.User.ID, cookie: c}
}

// grantAdmin makes a person an administrator the way the operator's
// command does.
func (h *harness) grantAdmin(idOrEmail string) {
	h.t.Helper()
	svc := useradmin.New(h.srv.app, h.srv.sessions, h.srv.identity, nil, useradmin.Config{})
	if _, err := svc.OperatorSetRole(context.Background(), useradmin.OperatorSetRoleInput{Caller: app.Caller{},
		Actor: "admin-cli", IDOrKey: idOrEmail, Role: "admin"}); err != nil {
		h.t.Fatal(err)
	}
}

// adminFixture: Ada (administrator) and Bob (user), both signed in.
func adminFixture(t *testing.T) (*harness, member, member) {
	h := newHarness(t)
	ada := h.signUpPerson("ada@example.com", "Ada")
	bob := h.signUpPerson("bob@example.com", "Bob")
	h.grantAdmin("ada@example.com")
	return h, ada, bob
}

// wantError checks a refusal's status and Better Auth code.
func wantError(t *testing.T, r resp, status int, code string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if got, _ := r.json(t)["code"].(string); got != code {
		t.Errorf("code %q, want %q (%s)", got, code, r.body)
	}
}

// TestAdminPluginRefusals: a user without the admin role gets Better
// Auth's 403 and code on every admin route, and nothing is appended;
// without a session it is 401.
func TestAdminPluginRefusals(t *testing.T) {
	h, ada, bob := adminFixture(t)
	tests := []struct {
		method, path, body, code string
	}{
		{"POST", "/admin/create-user", `{"email":"c@example.com","password":"correct horse c","name":"C"}`, "YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS"},
		{"GET", "/admin/list-users", "", "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS"},
		{"GET", "/admin/get-user?id=" + ada.id, "", "YOU_ARE_NOT_ALLOWED_TO_GET_USER"},
		{"POST", "/admin/update-user", `{"userId":"` + ada.id + `","data":{"name":"X"}}`, "YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS"},
		{"POST", "/admin/set-role", `{"userId":"` + bob.id + `","role":"admin"}`, "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE"},
		{"POST", "/admin/ban-user", `{"userId":"` + ada.id + `"}`, "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS"},
		{"POST", "/admin/unban-user", `{"userId":"` + ada.id + `"}`, "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS"},
		{"POST", "/admin/list-user-sessions", `{"userId":"` + ada.id + `"}`, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS"},
		{"POST", "/admin/revoke-user-session", `{"sessionToken":"x"}`, "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS"},
		{"POST", "/admin/revoke-user-sessions", `{"userId":"` + ada.id + `"}`, "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS"},
		{"POST", "/admin/impersonate-user", `{"userId":"` + ada.id + `"}`, "YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS"},
		{"POST", "/admin/set-user-password", `{"userId":"` + ada.id + `","newPassword":"another horse 1"}`, "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD"},
		{"POST", "/admin/remove-user", `{"userId":"` + ada.id + `"}`, "YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			before := h.head()
			r := h.do(req{method: tt.method, path: "/api/auth" + tt.path, body: tt.body, headers: withCookie(bob.cookie)})
			wantError(t, r, http.StatusForbidden, tt.code)
			if h.head() != before {
				t.Error("a refused admin action appended events")
			}
			anon := h.do(req{method: tt.method, path: "/api/auth" + tt.path, body: tt.body})
			if anon.status != http.StatusUnauthorized {
				t.Errorf("without a session: %d %s", anon.status, anon.body)
			}
		})
	}
	r := h.post("/admin/has-permission", `{"permissions":{"user":["list"]}}`, withCookie(bob.cookie))
	if r.status != 200 || string(r.body) != `{"error":null,"success":false}` {
		t.Errorf("has-permission for a user: %d %s", r.status, r.body)
	}
}

// TestAdminPluginUsers: create, list (search, filter, sort, pages), get,
// update and set-role, each answered with the admin plugin's user fields.
func TestAdminPluginUsers(t *testing.T) {
	h, ada, bob := adminFixture(t)
	admin := withCookie(ada.cookie)
	r := h.post("/admin/create-user", `{"email":"Carol@Example.com","password":"violet tangerine lamp","name":"Carol","role":"user","data":{}}`, admin)
	if r.status != 200 {
		t.Fatalf("create-user: %d %s", r.status, r.body)
	}
	carol := r.json(t)["user"].(map[string]any)
	if carol["email"] != "carol@example.com" || carol["role"] != "user" || carol["banned"] != false || carol["banReason"] != nil {
		t.Errorf("created user: %v", carol)
	}
	wantError(t, h.post("/admin/create-user", `{"email":"carol@example.com","name":"Carol 2"}`, admin),
		http.StatusBadRequest, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL")
	if r := h.post("/sign-in/email", `{"email":"carol@example.com","password":"violet tangerine lamp"}`, nil); r.status != 200 {
		t.Errorf("created user cannot sign in: %d %s", r.status, r.body)
	}
	list := func(q string) (names []string, total float64) {
		t.Helper()
		r := h.get("/admin/list-users?"+q, admin)
		if r.status != 200 {
			t.Fatalf("list-users?%s: %d %s", q, r.status, r.body)
		}
		var b struct {
			Users []struct{ Name string }
			Total float64
		}
		if err := json.Unmarshal(r.body, &b); err != nil {
			t.Fatal(err)
		}
		for _, u := range b.Users {
			names = append(names, u.Name)
		}
		return names, b.Total
	}
	tests := []struct {
		query string
		names string
		total float64
	}{
		{"sortBy=email", "Ada,Bob,Carol", 3},
		{"sortBy=name&sortDirection=desc", "Carol,Bob,Ada", 3},
		{"sortBy=name&limit=2&offset=1", "Bob,Carol", 3},
		{"searchValue=CAR&searchField=email", "Carol", 1},
		{"searchValue=b&searchField=name&searchOperator=starts_with", "Bob", 1},
		{"searchValue=example.com&searchOperator=ends_with&limit=1&sortBy=name", "Ada", 3},
		{"filterField=role&filterValue=admin", "Ada", 1},
		{"filterField=role&filterOperator=ne&filterValue=admin&sortBy=email", "Bob,Carol", 2},
	}
	for _, tt := range tests {
		names, total := list(tt.query)
		if strings.Join(names, ",") != tt.names || total != tt.total {
			t.Errorf("list-users?%s = %v (total %v), want %s (%v)", tt.query, names, total, tt.names, tt.total)
		}
	}
	wantError(t, h.get("/admin/list-users?sortBy=password", admin), http.StatusBadRequest, "VALIDATION_ERROR")
	if r := h.get("/admin/get-user?id="+bob.id, admin); r.status != 200 || r.json(t)["email"] != "bob@example.com" {
		t.Errorf("get-user: %d %s", r.status, r.body)
	}
	wantError(t, h.get("/admin/get-user?id=P0000000000000000000000000000404", admin), http.StatusNotFound, "USER_NOT_FOUND")
	r = h.post("/admin/update-user", `{"userId":"`+bob.id+`","data":{"name":"Robert"}}`, admin)
	if r.status != 200 || r.json(t)["name"] != "Robert" {
		t.Errorf("update-user: %d %s", r.status, r.body)
	}
	wantError(t, h.post("/admin/update-user", `{"userId":"`+bob.id+`","data":{}}`, admin), http.StatusBadRequest, "NO_DATA_TO_UPDATE")
	wantError(t, h.post("/admin/update-user", `{"userId":"`+bob.id+`","data":{"password":"x"}}`, admin),
		http.StatusBadRequest, "PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER")
	r = h.post("/admin/set-role", `{"userId":"`+bob.id+`","role":["admin","user"]}`, admin)
	if r.status != 200 || r.json(t)["user"].(map[string]any)["role"] != "admin,user" {
		t.Errorf("set-role: %d %s", r.status, r.body)
	}
	wantError(t, h.post("/admin/set-role", `{"userId":"`+bob.id+`","role":"bad role"}`, admin), http.StatusBadRequest, "INVALID_ROLE_TYPE")
	if r := h.post("/admin/has-permission", `{"permissions":{"user":["list","ban"],"session":["revoke"]}}`, admin); string(r.body) != `{"error":null,"success":true}` {
		t.Errorf("has-permission for an admin: %s", r.body)
	}
	if r := h.post("/admin/has-permission", `{"permissions":{"user":["impersonate-admins"]}}`, admin); string(r.body) != `{"error":null,"success":false}` {
		t.Errorf("admins may not impersonate admins by default: %s", r.body)
	}
	wantError(t, h.post("/admin/has-permission", `{}`, admin), http.StatusBadRequest, "BAD_REQUEST")
}

// TestAdminPluginBan: a ban with a reason and an expiry ends the user's
// sessions and refuses sign-in with BANNED_USER until it expires; the
// first sign-in after that lifts it.
func TestAdminPluginBan(t *testing.T) {
	h, ada, bob := adminFixture(t)
	admin := withCookie(ada.cookie)
	wantError(t, h.post("/admin/ban-user", `{"userId":"`+ada.id+`"}`, admin), http.StatusBadRequest, "YOU_CANNOT_BAN_YOURSELF")
	r := h.post("/admin/ban-user", `{"userId":"`+bob.id+`","banReason":"spam","banExpiresIn":3600}`, admin)
	if r.status != 200 {
		t.Fatalf("ban-user: %d %s", r.status, r.body)
	}
	u := r.json(t)["user"].(map[string]any)
	if u["banned"] != true || u["banReason"] != "spam" || u["banExpires"] != "2026-11-27T10:00:00.000Z" {
		t.Errorf("banned user: %v", u)
	}
	if r := h.get("/get-session", withCookie(bob.cookie)); string(r.body) != "null" {
		t.Errorf("a banned user's session lives: %s", r.body)
	}
	signIn := `{"email":"bob@example.com","password":"quietly orange paddle"}`
	wantError(t, h.post("/sign-in/email", signIn, nil), http.StatusForbidden, "BANNED_USER")
	h.clock.Advance(time.Hour)
	if r := h.post("/sign-in/email", signIn, nil); r.status != 200 {
		t.Fatalf("sign-in after the ban expired: %d %s", r.status, r.body)
	}
	if r := h.get("/admin/get-user?id="+bob.id, admin); r.json(t)["banned"] != false {
		t.Errorf("expired ban not lifted: %s", r.body)
	}
	h.post("/admin/ban-user", `{"userId":"`+bob.id+`"}`, admin)
	wantError(t, h.post("/sign-in/email", signIn, nil), http.StatusForbidden, "BANNED_USER")
	if r := h.post("/admin/unban-user", `{"userId":"`+bob.id+`"}`, admin); r.status != 200 || r.json(t)["user"].(map[string]any)["banned"] != false {
		t.Fatalf("unban-user: %d %s", r.status, r.body)
	}
	if r := h.post("/sign-in/email", signIn, nil); r.status != 200 {
		t.Errorf("sign-in after unban: %d %s", r.status, r.body)
	}
}

// TestAdminPluginSessions: list and revoke a user's sessions.
func TestAdminPluginSessions(t *testing.T) {
	h, ada, bob := adminFixture(t)
	admin := withCookie(ada.cookie)
	second := cookieHeader(h.post("/sign-in/email", `{"email":"bob@example.com","password":"quietly orange paddle"}`, nil))
	r := h.post("/admin/list-user-sessions", `{"userId":"`+bob.id+`"}`, admin)
	var b struct {
		Sessions []struct{ Token, UserID string } `json:"sessions"`
	}
	if err := json.Unmarshal(r.body, &b); err != nil || len(b.Sessions) != 2 || b.Sessions[0].UserID != bob.id {
		t.Fatalf("list-user-sessions: %d %s", r.status, r.body)
	}
	if r := h.post("/admin/revoke-user-session", `{"sessionToken":"`+b.Sessions[0].Token+`"}`, admin); string(r.body) != `{"success":true}` {
		t.Fatalf("revoke-user-session: %s", r.body)
	}
	if r := h.get("/get-session", withCookie(bob.cookie)); string(r.body) != "null" {
		t.Errorf("revoked session lives: %s", r.body)
	}
	if r := h.get("/get-session", withCookie(second)); string(r.body) == "null" {
		t.Error("the other session was revoked too")
	}
	if r := h.post("/admin/revoke-user-sessions", `{"userId":"`+bob.id+`"}`, admin); string(r.body) != `{"success":true}` {
		t.Fatalf("revoke-user-sessions: %s", r.body)
	}
	if r := h.get("/get-session", withCookie(second)); string(r.body) != "null" {
		t.Errorf("session lives after revoke-user-sessions: %s", r.body)
	}
}

// cookiesOf turns every Set-Cookie of r that sets a value into a Cookie
// header, on top of base (later values win).
func cookiesOf(base string, r resp) string {
	jar := map[string]string{}
	var order []string
	add := func(name, value string) {
		if _, ok := jar[name]; !ok {
			order = append(order, name)
		}
		jar[name] = value
	}
	for _, kv := range strings.Split(base, "; ") {
		if n, v, ok := strings.Cut(kv, "="); ok {
			add(n, v)
		}
	}
	for _, c := range r.cookies {
		n, v, _ := strings.Cut(strings.SplitN(c, ";", 2)[0], "=")
		if strings.Contains(c, "Max-Age=0") {
			delete(jar, n)
			continue
		}
		add(n, v)
	}
	var out []string
	for _, n := range order {
		if v, ok := jar[n]; ok {
			out = append(out, n+"="+v)
		}
	}
	return strings.Join(out, "; ")
}

// TestAdminPluginImpersonation: the impersonation session names the
// administrator, what is done through it names both people in the audit
// trail, stop-impersonating restores the administrator's own session, an
// administrator cannot be impersonated, and the session ends after an hour.
func TestAdminPluginImpersonation(t *testing.T) {
	h, ada, bob := adminFixture(t)
	h.grantAdmin("bob@example.com")
	wantError(t, h.post("/admin/impersonate-user", `{"userId":"`+bob.id+`"}`, withCookie(ada.cookie)),
		http.StatusForbidden, "YOU_CANNOT_IMPERSONATE_ADMINS")
	carol := h.signUpPerson("carol@example.com", "Carol")
	r := h.post("/admin/impersonate-user", `{"userId":"`+carol.id+`"}`, withCookie(ada.cookie))
	if r.status != 200 {
		t.Fatalf("impersonate-user: %d %s", r.status, r.body)
	}
	sess := r.json(t)["session"].(map[string]any)
	if sess["impersonatedBy"] != ada.id || sess["userId"] != carol.id || sess["expiresAt"] != "2026-11-27T10:00:00.000Z" {
		t.Errorf("impersonation session: %v", sess)
	}
	jar := cookiesOf(ada.cookie, r)
	if !strings.Contains(jar, "better-auth.admin_session=") {
		t.Fatalf("no admin_session cookie: %v", r.cookies)
	}
	got := h.get("/get-session", withCookie(jar)).json(t)
	if got["user"].(map[string]any)["id"] != carol.id || got["session"].(map[string]any)["impersonatedBy"] != ada.id {
		t.Errorf("get-session while impersonating: %v", got)
	}
	if r := h.post("/update-user", `{"name":"Carol Changed"}`, withCookie(jar)); r.status != 200 {
		t.Fatalf("update-user while impersonating: %d %s", r.status, r.body)
	}
	rows, _ := pageRows(t, auditGet(h, "/v1/audit/events?type=person.profile_updated&person="+carol.id))
	if len(rows) != 1 || rows[0].Actor != carol.id || rows[0].Impersonator != ada.id {
		t.Errorf("audit of an action while impersonating: %+v", rows)
	}
	r = h.post("/admin/stop-impersonating", "", withCookie(jar))
	if r.status != 200 {
		t.Fatalf("stop-impersonating: %d %s", r.status, r.body)
	}
	if r.json(t)["user"].(map[string]any)["id"] != ada.id {
		t.Errorf("stop-impersonating answered %s", r.body)
	}
	back := cookiesOf(jar, r)
	if got := h.get("/get-session", withCookie(back)).json(t); got["user"].(map[string]any)["id"] != ada.id {
		t.Errorf("after stop-impersonating: %v", got)
	}
	if r := h.get("/get-session", withCookie(jar)); string(r.body) != "null" {
		t.Errorf("the impersonation session outlived stop-impersonating: %s", r.body)
	}
	wantError(t, h.post("/admin/stop-impersonating", "", withCookie(back)), http.StatusBadRequest, "NOT_IMPERSONATING")

	r = h.post("/admin/impersonate-user", `{"userId":"`+carol.id+`"}`, withCookie(ada.cookie))
	again := cookiesOf(ada.cookie, r)
	h.clock.Advance(time.Hour)
	if r := h.get("/get-session", withCookie(again)); string(r.body) != "null" {
		t.Errorf("impersonation outlived its hour: %s", r.body)
	}
	if r := h.get("/get-session", withCookie(ada.cookie)); string(r.body) == "null" {
		t.Error("the administrator's own session ended")
	}
}

// TestAdminPluginPasswordAndRemoval: set-user-password lets the user sign
// in with the new password; remove-user erases them for good.
func TestAdminPluginPasswordAndRemoval(t *testing.T) {
	h, ada, bob := adminFixture(t)
	admin := withCookie(ada.cookie)
	wantError(t, h.post("/admin/set-user-password", `{"userId":"`+bob.id+`","newPassword":"short"}`, admin),
		http.StatusBadRequest, "PASSWORD_TOO_SHORT")
	if r := h.post("/admin/set-user-password", `{"userId":"`+bob.id+`","newPassword":"another horse battery"}`, admin); string(r.body) != `{"status":true}` {
		t.Fatalf("set-user-password: %d %s", r.status, r.body)
	}
	if r := h.post("/sign-in/email", `{"email":"bob@example.com","password":"another horse battery"}`, nil); r.status != 200 {
		t.Errorf("sign-in with the new password: %d %s", r.status, r.body)
	}
	wantError(t, h.post("/admin/remove-user", `{"userId":"`+ada.id+`"}`, admin), http.StatusBadRequest, "YOU_CANNOT_REMOVE_YOURSELF")
	if r := h.post("/admin/remove-user", `{"userId":"`+bob.id+`"}`, admin); string(r.body) != `{"success":true}` {
		t.Fatalf("remove-user: %d %s", r.status, r.body)
	}
	wantError(t, h.get("/admin/get-user?id="+url.QueryEscape(bob.id), admin), http.StatusNotFound, "USER_NOT_FOUND")
	if r := h.get("/get-session", withCookie(bob.cookie)); string(r.body) != "null" {
		t.Errorf("a removed user's session lives: %s", r.body)
	}
	if !contains(h.eventTypes(), "person.erased") {
		t.Error("remove-user is not the erasure")
	}
	if r := h.post("/sign-up/email", `{"email":"bob@example.com","password":"correct horse bob 2","name":"Bob"}`, nil); r.status != 200 {
		t.Errorf("the address was not released: %d %s", r.status, r.body)
	}
}

// contains reports whether list has s.
func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
