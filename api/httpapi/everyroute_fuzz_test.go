package httpapi

import (
	"encoding/json"
	"hash/fnv"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
)

// FuzzEveryRoute drives arbitrary input at every route of both tables
// through the whole server (middleware, credentials, decoder, handler,
// use case, store): the input is the body of a route that takes one and
// the query string of the others, sent by a freshly signed-in caller (an
// administrator on the admin plugin's routes, the operator key on /v1).
// No answer is a 5xx (503 excepted); a 4xx has a JSON code and appended
// no event. Seeds: the valid requests of route_examples.json, with
// their placeholders ({org}, {victim}, …) filled in for every input.
func FuzzEveryRoute(f *testing.F) {
	h := everyRouteHarness(f, nil)
	routes := everyRoute(h.srv)
	valid := loadValidRequests(f)
	for _, rc := range routes {
		v := valid[rc.key]
		if rc.hasBody() {
			f.Add(rc.key, encode(orEmpty(v.Body)))
			continue
		}
		f.Add(rc.key, seedQuery(v.Query))
	}
	for _, s := range []string{`{"token":null}`, `null`, `[]`, "{\"name\":\"a\\u0000b\"}", `{"email":{"x":[1]}}`, `"str"`} {
		f.Add("POST /reset-password", s)
	}
	var n atomic.Int64
	n.Store(1 << 20)
	f.Fuzz(func(t *testing.T, key, input string) {
		rc := pickRoute(routes, key)
		hh := *h
		hh.t = t
		fx := hh.newFixture(rc, int(n.Add(1)))
		input = fx.expand(input)
		path, body := fx.path(rc), input
		if !rc.hasBody() {
			path, body = path+"?"+queryEscape(input), ""
		}
		before := hh.settle()
		r := hh.doNoFollow(req{method: rc.r.Method, path: path, body: body, headers: fx.headers(rc)})
		hh.settle()
		checkAnswer(t, rc.key+" "+shorten(input), r.status, r.body, hh.typesSince(before))
	})
}

// pickRoute is the route named by key, or one chosen by its hash.
func pickRoute(routes []routeCase, key string) routeCase {
	for _, rc := range routes {
		if rc.key == key {
			return rc
		}
	}
	hs := fnv.New32a()
	_, _ = hs.Write([]byte(key))
	return routes[int(hs.Sum32()%uint32(len(routes)))]
}

// seedQuery encodes a table row's query parameters (placeholders kept).
func seedQuery(q map[string]string) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+"="+q[k])
	}
	return strings.Join(parts, "&")
}

// queryEscape percent-encodes every byte of a fuzzed query string but
// letters, digits, "-._~" and the separators "=&", so any input is a
// well-formed URL whose parameters keep the fuzzer's structure.
func queryEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := range len(s) {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("-._~=&", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// shorten keeps failure messages readable.
func shorten(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	b, _ := json.Marshal(s)
	return string(b)
}
