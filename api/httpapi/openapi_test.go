package httpapi

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/web"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"
)

// init lets kin-openapi read the HTML answers (the error and reference
// pages) as the strings the document declares.
func init() { openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder) }

// servedDocs fetches the two OpenAPI documents the server serves and
// loads them with kin-openapi: /api/auth's and /v1's.
func servedDocs(t *testing.T, h *harness) (auth, admin *openapi3.T) {
	t.Helper()
	load := func(path string, headers map[string]string) *openapi3.T {
		r := h.do(req{method: "GET", path: path, headers: headers})
		if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
			t.Fatalf("GET %s: %d %s %.200s", path, r.status, r.header.Get("Content-Type"), r.body)
		}
		doc, err := openapi3.NewLoader().LoadFromData(r.body)
		if err != nil {
			t.Fatalf("GET %s: the document does not load: %v", path, err)
		}
		if !doc.IsOpenAPI31OrLater() || doc.IsOpenAPI32OrLater() {
			t.Fatalf("GET %s: openapi %q, want 3.1", path, doc.OpenAPI)
		}
		if err := doc.Validate(context.Background()); err != nil {
			t.Fatalf("GET %s: the document is not valid OpenAPI 3.1: %v", path, err)
		}
		return doc
	}
	return load("/api/auth/open-api/generate-schema", nil), load("/v1/openapi.json", bearer(adminKey))
}

// TestOpenAPIDocumentsValidate: both documents load and validate as
// OpenAPI 3.1 (kin-openapi validates 3.1 documents, their schemas with
// JSON Schema 2020-12), the /v1 one needs an operator key, and every route
// Echo registered under /api/auth and /v1 is described, with its path
// parameters.
func TestOpenAPIDocumentsValidate(t *testing.T) {
	h := everyRouteHarness(t, nil)
	auth, admin := servedDocs(t, h)
	if r := h.do(req{method: "GET", path: "/v1/openapi.json"}); r.status != http.StatusUnauthorized {
		t.Errorf("/v1/openapi.json without a key: %d, want 401", r.status)
	}
	n := 0
	for _, r := range h.srv.echo.Routes() {
		if r.Method == echo.RouteNotFound {
			continue // the groups' catch-alls
		}
		doc, rest := auth, ""
		if p, ok := strings.CutPrefix(r.Path, "/api/auth"); ok {
			rest = p
		} else if p, ok := strings.CutPrefix(r.Path, "/v1"); ok {
			doc, rest = admin, p
		} else {
			continue
		}
		n++
		tpl := openAPIPath(rest)
		item := doc.Paths.Value(tpl)
		if item == nil || item.GetOperation(r.Method) == nil {
			t.Errorf("%s %s is registered but not described (%s)", r.Method, r.Path, tpl)
			continue
		}
		op := item.GetOperation(r.Method)
		for _, name := range pathParams(rest) {
			if p := op.Parameters.GetByInAndName("path", name); p == nil || !p.Required {
				t.Errorf("%s %s: path parameter %q not described as required", r.Method, r.Path, name)
			}
		}
	}
	signIn := auth.Paths.Value("/sign-in/email").Post.RequestBody.Value.Content.Get("application/json")
	if ex, _ := signIn.Example.(map[string]any); ex["email"] != "me@example.com" || ex["password"] == nil {
		t.Errorf("POST /sign-in/email: example %v, want the table's valid request", signIn.Example)
	}
	if p := admin.Paths.Value("/audit/events").Get.Parameters.GetByInAndName("query", "limit"); p == nil || p.Example != "10" {
		t.Errorf("GET /v1/audit/events: query parameter limit not described with its example")
	}
	if want := len(h.srv.allAuthRoutes()) + len(h.srv.allAdminRoutes()); n != want {
		t.Errorf("Echo has %d routes under /api/auth and /v1, the tables %d", n, want)
	}
	described := 0
	for _, doc := range []*openapi3.T{auth, admin} {
		for _, item := range doc.Paths.Map() {
			described += len(item.Operations())
		}
	}
	if described != n {
		t.Errorf("the documents describe %d operations, the server registers %d", described, n)
	}
}

// TestOpenAPIReferencePage: /api/auth/reference is a self-contained HTML
// page with the hosted pages' security headers, listing every operation.
func TestOpenAPIReferencePage(t *testing.T) {
	h := newHarness(t)
	r := h.get("/reference", nil)
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /api/auth/reference: %d %s", r.status, r.header.Get("Content-Type"))
	}
	if got := r.header.Get("Content-Security-Policy"); got != web.ContentSecurityPolicy {
		t.Errorf("Content-Security-Policy %q, want the hosted pages' %q", got, web.ContentSecurityPolicy)
	}
	if r.header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("X-Frame-Options %q", r.header.Get("X-Frame-Options"))
	}
	page := string(r.body)
	for _, bad := range []string{"<script", "http://", "https://", "//cdn"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q: it must be self-contained", bad)
		}
	}
	for _, rt := range h.srv.allAuthRoutes() {
		if !strings.Contains(page, "<code>"+openAPIPath(rt.Path)+"</code>") {
			t.Errorf("the page does not list %s %s", rt.Method, rt.Path)
		}
	}
}

// TestOpenAPIRealTrafficValidates: for every route of the table of valid
// requests (route_examples.json), the valid request, sent with the
// right credentials to a fresh fixture, and the server's real answer
// (status, headers, body) validate against the served document.
func TestOpenAPIRealTrafficValidates(t *testing.T) {
	h := everyRouteHarness(t, nil)
	auth, admin := servedDocs(t, h)
	valid := loadValidRequests(t)
	n := 0
	for _, rc := range everyRoute(h.srv) {
		v, ok := valid[rc.key]
		if !ok {
			continue // TestEveryBodyRouteDeclaresItsBody reports it
		}
		t.Run(rc.key, func(t *testing.T) {
			hh := *h
			hh.t = t
			n++
			fx := hh.newFixture(rc, 20000+n)
			path, body := fx.path(rc), ""
			if rc.hasBody() {
				body = fx.expand(encode(orEmpty(v.Body)))
			} else if len(v.Query) > 0 {
				q := url.Values{}
				for k, val := range v.Query {
					q.Set(k, fx.expand(val))
				}
				path += "?" + q.Encode()
			}
			headers := fx.headers(rc)
			r := hh.doNoFollow(req{method: rc.r.Method, path: path, body: body, headers: headers})
			hh.settle()
			t.Logf("%s: %d", rc.key, r.status)
			doc, rest := auth, strings.TrimPrefix(rc.r.Path, "")
			if rc.admin {
				doc = admin
			}
			validateExchange(t, doc, rc, rest, path, body, headers, r)
		})
	}
}

// validateExchange checks one request and its answer against doc.
func validateExchange(t *testing.T, doc *openapi3.T, rc routeCase, rest, path, body string, headers map[string]string, r resp) {
	t.Helper()
	tpl := openAPIPath(rest)
	item := doc.Paths.Value(tpl)
	if item == nil || item.GetOperation(rc.r.Method) == nil {
		t.Fatalf("%s is not described", rc.key)
	}
	hr := httptest.NewRequest(rc.r.Method, path, strings.NewReader(body))
	for k, v := range headers {
		hr.Header.Set(k, v)
	}
	params := map[string]string{}
	actual := strings.Split(strings.SplitN(path, "?", 2)[0], "/")
	declared := strings.Split(rc.full, "/")
	for i, seg := range declared {
		if name, ok := strings.CutPrefix(seg, ":"); ok && i < len(actual) {
			params[name] = actual[i]
		}
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    hr,
		PathParams: params,
		Route: &routers.Route{Spec: doc, Path: tpl, PathItem: item, Method: rc.r.Method,
			Operation: item.GetOperation(rc.r.Method)},
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
	ctx := context.Background()
	if !rc.r.FormPost {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			t.Errorf("the valid request does not validate: %v", err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: r.status, Header: r.header,
		Body:    io.NopCloser(bytes.NewReader(r.body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Errorf("the answer (%d %.300s) does not validate: %v", r.status, r.body, err)
	}
}

// openAPIPath is an Echo path as an OpenAPI path template.
func openAPIPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[i] = "{" + name + "}"
		}
	}
	return strings.Join(segs, "/")
}

// pathParams are the parameter names of an Echo path.
func pathParams(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			out = append(out, name)
		}
	}
	return out
}
