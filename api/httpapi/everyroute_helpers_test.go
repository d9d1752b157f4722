package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

// routeCase is one row of the server's route tables as the every-route
// tests call it: its table key ("POST /sign-in/email", "GET /v1/keys")
// and the route itself.
type routeCase struct {
	key   string
	full  string // the path with its group prefix
	r     route
	admin bool // under /v1 (operator key)
}

// everyRoute is every route of both tables, sorted by key.
func everyRoute(s *Server) []routeCase {
	var out []routeCase
	for _, r := range s.allAuthRoutes() {
		out = append(out, routeCase{key: r.Method + " " + r.Path, full: "/api/auth" + r.Path, r: r})
	}
	for _, r := range s.allAdminRoutes() {
		out = append(out, routeCase{key: r.Method + " /v1" + r.Path, full: "/v1" + r.Path, r: r, admin: true})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// hasBody reports whether the route's method may carry a body.
func (rc routeCase) hasBody() bool {
	switch rc.r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return !rc.r.FormPost
	}
	return false
}

// userAdmin reports whether the route needs an administrator's session
// (the admin plugin's routes).
func (rc routeCase) userAdmin() bool { return strings.HasPrefix(rc.r.Path, "/admin/") }

// validRequest is one row of route_examples.json.
type validRequest struct {
	Body  map[string]any    `json:"body"`
	Query map[string]string `json:"query"`
}

// loadValidRequests reads the table of valid requests per route.
func loadValidRequests(t testing.TB) map[string]validRequest {
	t.Helper()
	b, err := os.ReadFile("route_examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Routes map[string]validRequest `json:"routes"`
	}
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	return file.Routes
}

// everyRouteHarness is a server on store (nil: a memory store) with every feature switched on (reset,
// verification and change of address, deletion, passkeys, emailed
// two-factor codes, an OpenID provider "op"), so the generated requests
// reach past "not enabled" into the handlers and use cases.
func everyRouteHarness(t testing.TB, store eventstore.Store) *harness {
	t.Helper()
	reset, _ := withSink(t)
	verify, _ := withVerification(t, verification.Config{ChangeEmail: true})
	del, sink := withDeletion(t, deletion.Config{Enabled: true})
	op := newNativeOP(t)
	otp := func(c *Config) {
		c.TwoFactor.Mailer = mail.SMTP{Host: "127.0.0.1", Port: sink.Port(), From: "noreply@example.com"}
	}
	if store == nil {
		store = memory.New()
	}
	return newHarnessOn(t, store, reset, verify, del, withPasskeyRP, withProvider(op), otp)
}

// fixture is the world one route is called in: a signed-in caller (an
// administrator for the admin plugin's routes) with a second session,
// another person, and for the organization routes an organization the
// caller owns with an invitation to the other person.
type fixture struct {
	n                                 int
	me, myEmail, token, otherSession  string
	cookie                            string
	victim, victimEmail, victimCookie string
	victimSession                     string
	org, invitation, victimMember     string
	// totp and backupCode are a current code and a backup code of the
	// caller, enrolled in two-factor on the two-factor routes, where
	// challenge is the two_factor cookie of a password sign-in.
	totp, backupCode, challenge string
}

// twoFactorFixture enrols the caller in two-factor (TOTP) and signs in
// again with the password, which leaves a two-factor challenge.
func (h *harness) twoFactorFixture(fx *fixture) {
	h.t.Helper()
	r := h.post("/two-factor/enable", `{"password":"`+testPassword+`"}`, withCookie(fx.cookie))
	var m struct {
		TOTPURI     string   `json:"totpURI"`
		BackupCodes []string `json:"backupCodes"`
	}
	mustJSON(h.t, r.body, &m)
	secret := secretOf(h.t, m.TOTPURI)
	fx.backupCode = m.BackupCodes[0]
	r = h.post("/two-factor/verify-totp", `{"code":"`+codeAt(h.t, secret, h.clock.Now())+`"}`, withCookie(fx.cookie))
	if r.status != http.StatusOK {
		h.t.Fatalf("verify-totp (enrolment): %d %s", r.status, r.body)
	}
	fx.cookie = cookieHeader(r)
	h.clock.Advance(30 * time.Second) // the enrolment's code is spent: the next step's is not
	fx.totp = codeAt(h.t, secret, h.clock.Now())
	r = h.post("/sign-in/email", `{"email":"`+fx.myEmail+`","password":"`+testPassword+`"}`, nil)
	fx.challenge = cookieNamed(r, "better-auth.two_factor")
}

// signedUp is sign-up's answer: the new session's token and the person.
type signedUp struct {
	Token string `json:"token"`
	User  struct {
		ID string `json:"id"`
	} `json:"user"`
}

// newFixture builds the world for rc; n makes its addresses unique.
func (h *harness) newFixture(rc routeCase, n int) fixture {
	h.t.Helper()
	fx := fixture{n: n, myEmail: fmt.Sprintf("er%d@example.com", n), victimEmail: fmt.Sprintf("er%d-v@example.com", n)}
	var me, victim signedUp
	var r resp
	fx.cookie, r = h.signUp(fx.myEmail, testPassword, "Every Route")
	mustJSON(h.t, r.body, &me)
	fx.me, fx.token = me.User.ID, me.Token
	fx.victimCookie, r = h.signUp(fx.victimEmail, testPassword, "Victim")
	mustJSON(h.t, r.body, &victim)
	fx.victim, fx.victimSession = victim.User.ID, victim.Token
	r = h.post("/sign-in/email", `{"email":"`+fx.myEmail+`","password":"`+testPassword+`"}`, nil)
	var other signedUp
	mustJSON(h.t, r.body, &other)
	fx.otherSession = other.Token
	if rc.userAdmin() {
		h.grantAdmin(fx.me)
	}
	if strings.HasPrefix(rc.r.Path, "/two-factor/") {
		h.twoFactorFixture(&fx)
	}
	if strings.HasPrefix(rc.r.Path, "/organization/") {
		r = h.post("/organization/create", fmt.Sprintf(`{"name":"Org %d","slug":"er-org-%d"}`, n, n), withCookie(fx.cookie))
		var org struct{ ID string }
		mustJSON(h.t, r.body, &org)
		fx.org = org.ID
		r = h.post("/organization/invite-member", `{"email":"`+fx.victimEmail+`","role":"member","organizationId":"`+fx.org+`"}`,
			withCookie(fx.cookie))
		var inv struct{ ID string }
		mustJSON(h.t, r.body, &inv)
		r = h.post("/organization/accept-invitation", `{"invitationId":"`+inv.ID+`"}`, withCookie(fx.victimCookie))
		var joined struct {
			Member struct{ ID string } `json:"member"`
		}
		mustJSON(h.t, r.body, &joined)
		fx.victimMember = joined.Member.ID
		r = h.post("/organization/invite-member", `{"email":"`+fmt.Sprintf("er%d-i@example.com", n)+`","role":"member","organizationId":"`+fx.org+`"}`,
			withCookie(fx.cookie))
		mustJSON(h.t, r.body, &inv)
		fx.invitation = inv.ID
	}
	return fx
}

// mustJSON decodes b into v or fails.
func mustJSON(t testing.TB, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
}

// expand replaces the table's placeholders in s.
func (fx fixture) expand(s string) string {
	return strings.NewReplacer("{email}", fmt.Sprintf("er%d-new@example.com", fx.n), "{myEmail}", fx.myEmail,
		"{password}", testPassword, "{me}", fx.me, "{victim}", fx.victim, "{victimEmail}", fx.victimEmail,
		"{org}", fx.org, "{invitation}", fx.invitation, "{origin}", testOrigin, "{token}", fx.token,
		"{otherSession}", fx.otherSession, "{victimSession}", fx.victimSession, "{victimMember}", fx.victimMember,
		"{totp}", fx.totp, "{backupCode}", fx.backupCode, "{n}", fmt.Sprint(fx.n)).Replace(s)
}

// path is rc's path with its parameters filled in.
func (fx fixture) path(rc routeCase) string {
	p := rc.full
	for _, kv := range [][2]string{{":id", fx.victim}, {":token", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}} {
		p = strings.ReplaceAll(p, kv[0], kv[1])
	}
	if strings.HasPrefix(rc.r.Path, "/callback/") {
		p = strings.Replace(p, fx.victim, "op", 1)
	}
	return p
}

// headers are the credentials for rc: the operator key under /v1, the
// caller's session cookie otherwise; a body gets the JSON content type.
func (fx fixture) headers(rc routeCase) map[string]string {
	hs := map[string]string{"Cookie": fx.cookie}
	if fx.challenge != "" && (strings.HasPrefix(rc.r.Path, "/two-factor/verify-") || rc.r.Path == "/two-factor/send-otp") {
		hs["Cookie"] = fx.challenge // a sign-in's second step
	}
	if rc.admin {
		hs = bearer(adminKey)
	}
	if rc.hasBody() {
		hs["Content-Type"] = "application/json"
	}
	return hs
}

// field is one JSON field of a declared body type.
type field struct {
	name string
	typ  reflect.Type // pointers removed
}

// bodyFields lists the JSON fields of a body type, embedded structs
// flattened, in declaration order.
func bodyFields(t reflect.Type) []field {
	if t == nil { // a route without a body
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" {
			out = append(out, bodyFields(sf.Type)...)
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		ft := sf.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		out = append(out, field{name: name, typ: ft})
	}
	return out
}

// mutation is one generated variant of a valid body.
type mutation struct {
	name  string
	body  string
	field string // the declared top-level field it sets, if any
}

// undeclared reports whether the answer refuses the mutation's field as an
// unknown key: the route's declared Body is not the type it decodes.
func (m mutation) undeclared(body []byte) bool {
	var e struct{ Message string }
	_ = json.Unmarshal(body, &e)
	return m.field != "" && strings.Contains(e.Message, "Unrecognized key: "+strconv.Quote(m.field))
}

// carriesNUL reports whether the mutation puts a NUL character in a
// string, which every route must refuse with a 4xx.
func (m mutation) carriesNUL() bool { return strings.HasSuffix(m.name, " nul") }

var rawMessageType = reflect.TypeFor[json.RawMessage]()

// hostileStrings are the string values every string field is sent:
// a NUL, bidi controls, and 10,000 characters.
var hostileStrings = map[string]string{
	"nul":  "a\x00b",
	"bidi": "\u202egnp.exe\u202c\u2066x\u2069",
	"10k":  strings.Repeat("a", 10000),
}

// wrongType is a JSON value of another type than t.
func wrongType(t reflect.Type) any {
	switch {
	case t == rawMessageType || t.Kind() == reflect.Interface:
		return map[string]any{"nested": []any{1, nil}}
	case t.Kind() == reflect.String:
		return 12345
	case t.Kind() == reflect.Bool:
		return "yes"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64:
		return "one"
	case t.Kind() == reflect.Slice:
		return map[string]any{"a": 1}
	}
	return "not an object"
}

// emptyOf is the empty JSON value of t's kind.
func emptyOf(t reflect.Type) any {
	switch {
	case t == rawMessageType || t.Kind() == reflect.String:
		return ""
	case t.Kind() == reflect.Slice:
		return []any{}
	case t.Kind() == reflect.Map || t.Kind() == reflect.Struct:
		return map[string]any{}
	case t.Kind() == reflect.Bool:
		return false
	}
	return 0
}

// mutations generates, from a valid body and the declared body type, the
// body itself invalid (not an object, empty) and each field missing,
// null, of the wrong type, empty, and for strings hostile.
func mutations(valid map[string]any, body any) []mutation {
	out := []mutation{{name: "valid", body: encode(valid)}, {name: "root null", body: "null"}, {name: "root array", body: "[]"},
		{name: "root string", body: `"x"`}, {name: "root number", body: "1"}, {name: "empty object", body: "{}"},
		{name: "no body", body: ""}}
	with := func(name string, v any) map[string]any {
		m := make(map[string]any, len(valid)+1)
		for k, e := range valid {
			m[k] = e
		}
		m[name] = v
		return m
	}
	for _, f := range bodyFields(reflect.TypeOf(body)) {
		without := with(f.name, nil)
		delete(without, f.name)
		out = append(out, mutation{name: f.name + " missing", body: encode(without)},
			mutation{name: f.name + " null", body: encode(with(f.name, nil)), field: f.name},
			mutation{name: f.name + " wrong type", body: encode(with(f.name, wrongType(f.typ))), field: f.name},
			mutation{name: f.name + " empty", body: encode(with(f.name, emptyOf(f.typ))), field: f.name})
		names := make([]string, 0, len(hostileStrings))
		for k := range hostileStrings {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			s := hostileStrings[k]
			switch {
			case f.typ.Kind() == reflect.String || f.typ == rawMessageType:
				out = append(out, mutation{name: f.name + " " + k, body: encode(with(f.name, s)), field: f.name})
			case f.typ.Kind() == reflect.Slice && f.typ.Elem().Kind() == reflect.String:
				out = append(out, mutation{name: f.name + " element " + k, body: encode(with(f.name, []any{s})), field: f.name})
			case f.typ.Kind() == reflect.Map:
				out = append(out, mutation{name: f.name + " key " + k, body: encode(with(f.name, map[string]any{s: []any{s}})), field: f.name})
			}
		}
	}
	return append(out, nestedMutations(valid, with)...)
}

// nestedMutations mutates the members of the valid body's objects (an
// update's data, a permission set): each null, of another JSON type,
// hostile, and an unknown member added.
func nestedMutations(valid map[string]any, with func(string, any) map[string]any) []mutation {
	var out []mutation
	keys := make([]string, 0, len(valid))
	for k := range valid {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		obj, ok := valid[k].(map[string]any)
		if !ok {
			continue
		}
		inner := make([]string, 0, len(obj)+1)
		for ik := range obj {
			inner = append(inner, ik)
		}
		sort.Strings(inner)
		set := func(ik string, v any) map[string]any {
			m := make(map[string]any, len(obj)+1)
			for a, b := range obj {
				m[a] = b
			}
			m[ik] = v
			return with(k, m)
		}
		vals := []struct {
			name string
			v    any
		}{{"null", nil}, {"number", 12345}, {"string", "str"}, {"bool", true}, {"array", []any{"a", nil}},
			{"object", map[string]any{"x": []any{1}}}, {"nul", hostileStrings["nul"]}, {"bidi", hostileStrings["bidi"]},
			{"10k", hostileStrings["10k"]}}
		for _, ik := range append(inner, "unknownMember") {
			for _, v := range vals {
				out = append(out, mutation{name: k + "." + ik + " " + v.name, body: encode(set(ik, v.v))})
			}
		}
	}
	return out
}

// queryMutations: each parameter missing, empty, repeated and hostile.
func queryMutations(valid map[string]string) []mutation {
	enc := func(q map[string][]string) string {
		var parts []string
		for k, vs := range q {
			for _, v := range vs {
				parts = append(parts, urlEscape(k)+"="+urlEscape(v))
			}
		}
		sort.Strings(parts)
		return strings.Join(parts, "&")
	}
	base := func() map[string][]string {
		q := map[string][]string{}
		for k, v := range valid {
			q[k] = []string{v}
		}
		return q
	}
	out := []mutation{{name: "valid", body: enc(base())}, {name: "no query"},
		{name: "unknown parameter", body: enc(map[string][]string{"zz\x00": {"\u202e"}})}}
	names := make([]string, 0, len(valid))
	for k := range valid {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		q := base()
		delete(q, k)
		out = append(out, mutation{name: k + " missing", body: enc(q)})
		q = base()
		q[k] = []string{""}
		out = append(out, mutation{name: k + " empty", body: enc(q)})
		q = base()
		q[k] = []string{valid[k], valid[k]}
		out = append(out, mutation{name: k + " repeated", body: enc(q)})
		for _, hk := range []string{"bidi", "nul", "10k"} {
			q = base()
			q[k] = []string{hostileStrings[hk]}
			out = append(out, mutation{name: k + " " + hk, body: enc(q)})
		}
	}
	return out
}

// urlEscape escapes a query component, keeping the table's {placeholders}.
func urlEscape(s string) string {
	return strings.NewReplacer("+", "%20", "%7B", "{", "%7D", "}").Replace(url.QueryEscape(s))
}

// encode marshals v (the tests' own values always marshal).
func encode(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// doNoFollow sends r and returns the answer itself, a redirect included.
func (h *harness) doNoFollow(r req) resp {
	h.t.Helper()
	saved := http.DefaultClient.CheckRedirect
	defer func() { http.DefaultClient.CheckRedirect = saved }()
	http.DefaultClient.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return h.do(r)
}

// settle waits until the background work of earlier requests (password
// reset, verification) has appended what it appends, and returns the head.
func (h *harness) settle() eventstore.Position {
	h.t.Helper()
	if err := h.srv.Drain(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	return h.head()
}

// checkAnswer is the every-route rule for one answer: never a 5xx but
// 503; a 4xx carries a JSON code and appended nothing (refusals the audit
// trail records excepted).
func checkAnswer(t testing.TB, what string, status int, body []byte, appended []string) {
	t.Helper()
	if status >= 500 && status != http.StatusServiceUnavailable && !unsupportedChain(status, body) {
		t.Errorf("%s: %d %.300s", what, status, body)
		return
	}
	if status < 400 || status >= 500 {
		return
	}
	var e struct {
		Code string `json:"code"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Code == "" {
		t.Errorf("%s: %d without a JSON code: %.300s", what, status, body)
	}
	if extra := unaudited(appended); len(extra) > 0 {
		t.Errorf("%s: %d %s appended %v", what, status, e.Code, extra)
	}
}

// unsupportedChain is the audit routes' 501 on an event store that keeps
// no hash chain (the memory store of these tests): a capability of the
// deployment, not a failure of the request.
func unsupportedChain(status int, body []byte) bool {
	return status == http.StatusNotImplemented && strings.Contains(string(body), `"code":"AUDIT_CHAIN_UNSUPPORTED"`)
}

// auditedRefusals are the event types a refused request records on
// purpose: failed password checks count toward the sign-in backoff (per
// submitted address, signin.failed) and the other lockouts, and every
// operator read of the audit trail is itself recorded.
var auditedRefusals = map[string]bool{
	"signin.failed": true, "account.sign_in_failed": true, "account.password_change_failed": true, "account.password_verify_failed": true,
	"two_factor.action_refused": true, "two_factor.code_rejected": true, "audit.read": true,
}

// unaudited lists the appended types that are not audited refusals.
func unaudited(types []string) []string {
	var out []string
	for _, t := range types {
		if !auditedRefusals[t] {
			out = append(out, t)
		}
	}
	return out
}
