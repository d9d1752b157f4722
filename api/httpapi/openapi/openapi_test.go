package openapi

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/getkin/kin-openapi/openapi3"
)

// inner is a nested body type.
type inner struct {
	Name string `json:"name"`
}

// sample is a body type with every kind the schemas describe.
type sample struct {
	inner
	Email    *string         `json:"email"`
	Count    int             `json:"count,omitempty"`
	Ratio    float64         `json:"ratio"`
	On       bool            `json:"on"`
	Tags     []string        `json:"tags"`
	Raw      json.RawMessage `json:"raw"`
	Data     map[string]any  `json:"data"`
	Bytes    []byte          `json:"bytes"`
	When     time.Time       `json:"when"`
	Nested   *inner          `json:"nested"`
	Skipped  string          `json:"-"`
	hidden   string          //nolint:unused // unexported: not part of the JSON
	Untagged string
	Loop     *sample            `json:"loop"`
	Extra    map[string]float64 `json:"extra,omitzero"`
}

// TestSchemaOf: the schema of each kind of field, and which are required.
func TestSchemaOf(t *testing.T) {
	s := schemaOf(reflect.TypeFor[sample]())
	props := s["properties"].(Schema)
	for _, c := range []struct {
		field string
		want  string
	}{
		{"name", `{"type":"string"}`},
		{"email", `{"type":["string","null"]}`},
		{"count", `{"type":"integer"}`},
		{"ratio", `{"type":"number"}`},
		{"on", `{"type":"boolean"}`},
		{"tags", `{"items":{"type":"string"},"type":["array","null"]}`},
		{"raw", `{}`},
		{"data", `{"additionalProperties":{},"type":["object","null"]}`},
		{"bytes", `{"contentEncoding":"base64","type":"string"}`},
		{"when", `{"format":"date-time","type":"string"}`},
		{"nested", `{"properties":{"name":{"type":"string"}},"required":["name"],"type":["object","null"]}`},
		{"Untagged", `{"type":"string"}`},
		{"loop", `{"type":["object","null"]}`},
	} {
		got, _ := json.Marshal(props[c.field])
		if string(got) != c.want {
			t.Errorf("%s: %s, want %s", c.field, got, c.want)
		}
	}
	for _, absent := range []string{"Skipped", "hidden", "-", "inner"} {
		if _, ok := props[absent]; ok {
			t.Errorf("%s is described", absent)
		}
	}
	req, _ := json.Marshal(s["required"])
	if want := `["name","ratio","on","tags","raw","data","bytes","when","Untagged"]`; string(req) != want {
		t.Errorf("required %s, want %s", req, want)
	}
	if r := requestSchemaOf(reflect.TypeFor[sample]()); r["required"] != nil || r["properties"].(Schema)["nested"].(Schema)["required"] != nil {
		t.Errorf("a request body requires fields: %v", r)
	}
}

// TestOperationIDAndPath: operation ids and path templates from Echo paths.
func TestOperationIDAndPath(t *testing.T) {
	for _, c := range []struct{ method, path, id, tpl string }{
		{"POST", "/sign-in/email", "postSignInEmail", "/sign-in/email"},
		{"GET", "/keys/:id", "getKeysById", "/keys/{id}"},
		{"POST", "/webhooks/:id/replay", "postWebhooksByIdReplay", "/webhooks/{id}/replay"},
		{"GET", "/ok", "getOk", "/ok"},
	} {
		if got := operationID(wire.Route{Method: c.method, Path: c.path}); got != c.id {
			t.Errorf("%s %s: id %s, want %s", c.method, c.path, got, c.id)
		}
		if got, _ := templatePath(c.path); got != c.tpl {
			t.Errorf("%s: template %s, want %s", c.path, got, c.tpl)
		}
	}
}

// TestBuildValidates: a document built from a small table loads and
// validates as OpenAPI 3.1 with kin-openapi, with its parameters, bodies,
// answers and security.
func TestBuildValidates(t *testing.T) {
	doc := Build(Group{Title: "t", Description: "d", Prefix: "/api/auth", Security: AuthSecurity, Optional: true,
		Routes: []wire.Route{
			{Method: "POST", Path: "/things", Body: sample{}, Response: inner{}},
			{Method: "GET", Path: "/things/:id"},
			{Method: "DELETE", Path: "/things/:id"},
			{Method: "GET", Path: "/page", Response: wire.Media("text/html")},
			{Method: "POST", Path: "/callback/:id", FormPost: true},
		},
		Examples: map[string]Example{
			"POST /things":    {Body: map[string]any{"name": "n", "count": 3}},
			"GET /things/:id": {Query: map[string]string{"fields": "name"}},
		}})
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := loaded.Validate(context.Background()); err != nil {
		t.Fatalf("not valid: %v\n%s", err, b)
	}
	if !loaded.IsOpenAPI31OrLater() || len(loaded.Paths.Map()) != 4 {
		t.Fatalf("openapi %s, %d paths", loaded.OpenAPI, len(loaded.Paths.Map()))
	}
	item := loaded.Paths.Value("/things/{id}")
	if item.Get == nil || item.Delete == nil || item.Get.Parameters.GetByInAndName("path", "id") == nil {
		t.Errorf("/things/{id}: %+v", item)
	}
	if p := item.Get.Parameters.GetByInAndName("query", "fields"); p == nil || p.Required || p.Example != "name" {
		t.Errorf("GET /things/{id}: the example's query parameter: %+v", p)
	}
	post := loaded.Paths.Value("/things").Post
	if ex := post.RequestBody.Value.Content.Get("application/json").Example; ex == nil {
		t.Errorf("POST /things: no example")
	}
	if post.RequestBody.Value.Content.Get("application/json") == nil || post.Responses.Value("4XX") == nil {
		t.Errorf("POST /things: body or error answer missing")
	}
	if len(loaded.Security) != 3 || len(loaded.Components.SecuritySchemes) != 2 {
		t.Errorf("security %v, schemes %d", loaded.Security, len(loaded.Components.SecuritySchemes))
	}
	page, err := Reference(doc, "/api/auth/open-api/generate-schema")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<code>/things/{id}</code>", "postThings", "<code>email</code>: string | null", "<code>raw</code>: any"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the reference page lacks %q", want)
		}
	}
}

// TestBuildExampleOfTheWrongTypeIsRefused: kin-openapi checks examples
// against their schemas, so a table row that drifts from its route's Body
// type fails the document's validation.
func TestBuildExampleOfTheWrongTypeIsRefused(t *testing.T) {
	doc := Build(Group{Title: "t", Prefix: "/v1", Security: AdminSecurity,
		Routes:   []wire.Route{{Method: "POST", Path: "/things", Body: sample{}}},
		Examples: map[string]Example{"POST /things": {Body: map[string]any{"count": "three"}}}})
	b, _ := json.Marshal(doc)
	loaded, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := loaded.Validate(context.Background()); err == nil || !strings.Contains(err.Error(), "example") {
		t.Fatalf("an example of the wrong type: %v, want refused", err)
	}
}
