package httpapi

import (
	"reflect"
	"strings"
	"testing"
)

// TestEveryBodyRouteDeclaresItsBody: a route that decodes a JSON body
// declares its type (wire.Route.Body), so the generated tests below cannot
// skip it: a body route with none declared answers an unknown key with
// the decoder's "Unrecognized key" refusal, and fails here. A declared
// body is a struct whose fields the tests can walk, and every route has a
// row in the table of valid requests.
func TestEveryBodyRouteDeclaresItsBody(t *testing.T) {
	h := newHarness(t)
	valid := loadValidRequests(t)
	n := 0
	for _, rc := range everyRoute(h.srv) {
		if _, ok := valid[rc.key]; !ok {
			t.Errorf("%s has no row in route_examples.json (its valid body or query parameters; {} for none)", rc.key)
		}
		if rc.r.Body != nil {
			if k := reflect.TypeOf(rc.r.Body).Kind(); k != reflect.Struct {
				t.Errorf("%s: Body is a %s, want a struct value", rc.key, k)
			}
			continue
		}
		if !rc.hasBody() {
			continue
		}
		n++
		fx := h.newFixture(rc, 9000+n)
		r := h.do(req{method: rc.r.Method, path: fx.path(rc), body: `{"undeclaredBodyKey":1}`, headers: fx.headers(rc)})
		if strings.Contains(string(r.body), "undeclaredBodyKey") {
			t.Errorf("%s decodes a JSON body but declares no Body in its wire.Route: %d %s", rc.key, r.status, r.body)
		}
	}
}

// TestEveryRouteRefusesBadInput is generated from the route table: for
// every route that takes a body, the valid body (route_examples.json)
// and its mutations — not an object, each declared field missing, null, of
// the wrong type, empty, and each string NUL, bidi controls and 10,000
// characters, the members of its objects likewise; for every route with
// query parameters, each missing, empty, repeated and hostile — sent
// through the whole server with the caller's credentials. No answer is a
// 5xx (503 excepted); a 4xx has a JSON code and appended no event; a NUL
// character is always refused with a 4xx; no declared field is refused as
// an unknown key (the declared Body is the type the handler decodes).
func TestEveryRouteRefusesBadInput(t *testing.T) {
	checkEveryRoute(t, everyRouteHarness(t, nil))
}

// TestEveryRouteRefusesBadInputOnPostgres is the same on the PostgreSQL
// event store, whose text columns (stream names, claim keys) refuse what
// the memory store takes, a NUL character among them.
func TestEveryRouteRefusesBadInputOnPostgres(t *testing.T) {
	checkEveryRoute(t, everyRouteHarness(t, pgStore(t)))
}

// checkEveryRoute sends every route its generated requests on h.
func checkEveryRoute(t *testing.T, h *harness) {
	valid := loadValidRequests(t)
	n := 0
	for _, rc := range everyRoute(h.srv) {
		v := valid[rc.key]
		if rc.r.FormPost || (!rc.hasBody() && len(v.Query) == 0) {
			continue
		}
		t.Run(rc.key, func(t *testing.T) {
			hh := *h
			hh.t = t
			n++
			fx := hh.newFixture(rc, n)
			var ms []mutation
			if rc.hasBody() {
				ms = mutations(orEmpty(v.Body), rc.r.Body)
			} else {
				ms = queryMutations(v.Query)
			}
			for _, m := range ms {
				path, body := fx.path(rc), fx.expand(m.body) // placeholders of the current fixture
				if !rc.hasBody() {
					if body != "" {
						path += "?" + body
					}
					body = ""
				}
				before := hh.settle()
				r := hh.doNoFollow(req{method: rc.r.Method, path: path, body: body, headers: fx.headers(rc)})
				hh.settle()
				checkAnswer(t, m.name, r.status, r.body, hh.typesSince(before))
				if m.undeclared(r.body) {
					t.Errorf("%s: the route's declared Body has %q, which its handler does not decode", m.name, m.field)
				}
				if m.carriesNUL() && (r.status < 400 || r.status >= 500) {
					t.Errorf("%s: a NUL character answered %d, want a 4xx: %.200s", m.name, r.status, r.body)
				}
				if r.status < 400 && rc.hasBody() { // it changed the world: start afresh
					n++
					fx = hh.newFixture(rc, n)
				}
			}
		})
	}
}

// orEmpty is m, or an empty object for a route the table has no body for.
func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
