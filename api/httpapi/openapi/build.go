package openapi

import (
	"net/http"
	"reflect"
	"sort"
	"strings"
	"unicode"

	"github.com/authledger/authledger/api/httpapi/wire"
)

// Version is the OpenAPI version the documents are written in.
const Version = "3.1.0"

// Group is one route table and how it is reached: its path prefix, the
// document's title and description, and how its callers authenticate.
type Group struct {
	Title, Description string
	// Prefix is the group's path ("/api/auth", "/v1"): the document's
	// server URL; its paths are relative to it.
	Prefix string
	Routes []wire.Route
	// Security names the document's security schemes, and Optional says
	// whether a request may also come without credentials (the /api/auth
	// routes that sign in or answer without a session).
	Security map[string]Schema
	Optional bool
	// Examples are valid requests per route, keyed "METHOD /path" (the
	// path as in Routes): a body becomes the request body's example, each
	// query parameter an optional string parameter with its example.
	Examples map[string]Example
}

// Example is one valid request: its JSON body, its query parameters.
type Example struct {
	Body  map[string]any    `json:"body"`
	Query map[string]string `json:"query"`
}

// AuthSecurity are the ways a caller of /api/auth authenticates: the
// session cookie Better Auth sets, or the session token as a bearer
// token (the bearer plugin).
var AuthSecurity = map[string]Schema{
	"sessionCookie": {"type": "apiKey", "in": "cookie", "name": "better-auth.session_token",
		"description": "The signed session cookie set by a sign-in."},
	"bearer": {"type": "http", "scheme": "bearer",
		"description": "The session token (set-auth-token header of a sign-in) as a bearer token."},
}

// AdminSecurity is how an operator calls /v1: an operator key as a bearer
// token, whose scopes decide which routes it reaches.
var AdminSecurity = map[string]Schema{
	"operatorKey": {"type": "http", "scheme": "bearer",
		"description": "An operator key; each route needs one scope of the key."},
}

// errorSchema is the body of every 4xx and 5xx answer.
var errorSchema = Schema{
	"type": "object",
	"properties": Schema{
		"message": Schema{"type": "string"},
		"code":    Schema{"type": "string"},
	},
	"required": []any{"message", "code"},
}

// Build is g's OpenAPI 3.1 document, as a JSON-ready map.
func Build(g Group) Schema {
	paths := Schema{}
	for _, r := range sortedRoutes(g.Routes) {
		p, params := templatePath(r.Path)
		item, _ := paths[p].(Schema)
		if item == nil {
			item = Schema{}
			paths[p] = item
		}
		item[strings.ToLower(r.Method)] = operation(r, params, g.Examples[r.Method+" "+r.Path])
	}
	var security []any
	if g.Optional {
		security = append(security, Schema{}) // no credentials at all
	}
	names := make([]string, 0, len(g.Security))
	for n := range g.Security {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		security = append(security, Schema{n: []any{}})
	}
	schemes := Schema{}
	for n, s := range g.Security {
		schemes[n] = s
	}
	return Schema{
		"openapi":  Version,
		"info":     Schema{"title": g.Title, "description": g.Description, "version": "1"},
		"servers":  []any{Schema{"url": g.Prefix}},
		"security": security,
		"paths":    paths,
		"components": Schema{
			"securitySchemes": schemes,
			"schemas":         Schema{"Error": errorSchema},
		},
	}
}

// sortedRoutes is routes ordered by path, then method.
func sortedRoutes(routes []wire.Route) []wire.Route {
	out := append([]wire.Route(nil), routes...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// templatePath turns an Echo path ("/keys/:id") into an OpenAPI template
// ("/keys/{id}") and lists its parameters.
func templatePath(p string) (string, []string) {
	segs := strings.Split(p, "/")
	var params []string
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[i] = "{" + name + "}"
			params = append(params, name)
		}
	}
	return strings.Join(segs, "/"), params
}

// operation describes route r.
func operation(r wire.Route, params []string, ex Example) Schema {
	op := Schema{
		"operationId": operationID(r),
		"tags":        []any{tag(r.Path)},
		"responses":   responses(r),
	}
	if len(params) > 0 {
		var ps []any
		for _, n := range params {
			ps = append(ps, Schema{"name": n, "in": "path", "required": true, "schema": Schema{"type": "string"}})
		}
		op["parameters"] = ps
	}
	if qs := queryParameters(ex.Query); len(qs) > 0 {
		ps, _ := op["parameters"].([]any)
		op["parameters"] = append(ps, qs...)
	}
	if r.FormPost {
		op["description"] = "A provider's cross-site form POST (response_mode=form_post): it redirects to the GET route."
		op["requestBody"] = Schema{"content": Schema{"application/x-www-form-urlencoded": Schema{"schema": Schema{"type": "object"}}}}
	} else if r.Body != nil {
		media := Schema{"schema": requestSchemaOf(reflect.TypeOf(r.Body))}
		if ex.Body != nil {
			media["example"] = ex.Body
		}
		op["requestBody"] = Schema{"required": true, "content": Schema{"application/json": media}}
	}
	return op
}

// queryParameters describes the query parameters of an example request:
// optional strings, in name order.
func queryParameters(q map[string]string) []any {
	names := make([]string, 0, len(q))
	for n := range q {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []any
	for _, n := range names {
		out = append(out, Schema{"name": n, "in": "query", "schema": Schema{"type": "string"}, "example": q[n]})
	}
	return out
}

// responses are r's answers: its success (the declared Response type, or
// any JSON value), the redirects a GET or form route may answer, and the
// error shape for every 4xx and 5xx.
func responses(r wire.Route) Schema {
	success := Schema{"description": "Any JSON value."}
	if m, ok := r.Response.(wire.Media); ok {
		success = Schema{"description": "Success.", "content": Schema{string(m): Schema{"schema": Schema{"type": "string"}}}}
	} else if r.Response != nil {
		success = Schema{"description": "Success."}
		success["content"] = Schema{"application/json": Schema{"schema": schemaOf(reflect.TypeOf(r.Response))}}
	} else {
		success["content"] = Schema{"application/json": Schema{"schema": Schema{}}}
	}
	errAnswer := func(d string) Schema {
		return Schema{"description": d, "content": Schema{
			"application/json": Schema{"schema": Schema{"$ref": "#/components/schemas/Error"}},
		}}
	}
	out := Schema{
		"2XX": success,
		"4XX": errAnswer("Refused: the code says why."),
		"5XX": errAnswer("The server could not answer (503: overloaded or unavailable; retry)."),
	}
	if r.Method == http.MethodGet || r.FormPost {
		out["3XX"] = Schema{"description": "A redirect (Location header)."}
	}
	return out
}

// operationID is a unique name for r: its method and path in camel case
// ("postSignInEmail", "getKeysById").
func operationID(r wire.Route) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(r.Method))
	upper := true
	for _, c := range r.Path {
		switch {
		case c == ':':
			b.WriteString("By")
			upper = true
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			if upper {
				c = unicode.ToUpper(c)
			}
			b.WriteRune(c)
			upper = false
		default:
			upper = true
		}
	}
	return b.String()
}

// tag groups a route by its path's first segment ("organization", "keys").
func tag(p string) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if seg == "" {
		return "default"
	}
	return seg
}
