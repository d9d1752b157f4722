package openapi

import (
	"bytes"
	"fmt"
	"html/template"
	"sort"
	"strings"
)

// operationRow is one operation of the reference page.
type operationRow struct {
	Method, Path, ID, Tag string
	Fields                []fieldRow
}

// fieldRow is one top-level field of an operation's JSON body.
type fieldRow struct {
	Name, Type string
	Required   bool
}

// referencePage is the reference page: the document's title, server and
// operations, and a link to the JSON document. No script, no external
// resource: the hosted pages' Content-Security-Policy applies.
var referencePage = template.Must(template.New("ref").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<h1>{{.Title}}</h1>
<p>{{.Description}}</p>
<p>Server: <code>{{.Server}}</code>. The OpenAPI {{.Version}} document: <a href="{{.SchemaURL}}">{{.SchemaURL}}</a>.</p>
<table>
<thead><tr><th>Method</th><th>Path</th><th>Operation</th><th>Body</th></tr></thead>
<tbody>
{{- range .Operations}}
<tr><td>{{.Method}}</td><td><code>{{.Path}}</code></td><td>{{.ID}}</td><td>
{{- range .Fields}}<code>{{.Name}}</code>: {{.Type}}{{if .Required}} (required){{end}}<br>{{end -}}
</td></tr>
{{- end}}
</tbody></table>
</body></html>
`))

// Reference renders doc (a Build result) as a self-contained HTML page
// listing its operations; schemaURL is where the JSON document is served.
func Reference(doc Schema, schemaURL string) ([]byte, error) {
	info, _ := doc["info"].(Schema)
	server := ""
	if ss, _ := doc["servers"].([]any); len(ss) > 0 {
		server, _ = ss[0].(Schema)["url"].(string)
	}
	var ops []operationRow
	paths, _ := doc["paths"].(Schema)
	for p, item := range paths {
		for m, o := range item.(Schema) {
			op := o.(Schema)
			id, _ := op["operationId"].(string)
			ops = append(ops, operationRow{Method: strings.ToUpper(m), Path: p, ID: id, Fields: bodyFields(op)})
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	var buf bytes.Buffer
	err := referencePage.Execute(&buf, map[string]any{
		"Title": info["title"], "Description": info["description"], "Server": server,
		"Version": doc["openapi"], "SchemaURL": schemaURL, "Operations": ops,
	})
	return buf.Bytes(), err
}

// bodyFields lists the top-level fields of op's JSON request body.
func bodyFields(op Schema) []fieldRow {
	rb, _ := op["requestBody"].(Schema)
	content, _ := rb["content"].(Schema)
	media, _ := content["application/json"].(Schema)
	s, _ := media["schema"].(Schema)
	props, _ := s["properties"].(Schema)
	req := map[string]bool{}
	if rs, ok := s["required"].([]any); ok {
		for _, r := range rs {
			req[r.(string)] = true
		}
	}
	var out []fieldRow
	for n, p := range props {
		typ := typeName(p.(Schema)["type"])
		out = append(out, fieldRow{Name: n, Type: typ, Required: req[n]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// typeName is a schema's type as the page shows it ("string | null"; a
// schema without one takes any value).
func typeName(t any) string {
	switch t := t.(type) {
	case string:
		return t
	case []any:
		parts := make([]string, len(t))
		for i, x := range t {
			parts[i] = fmt.Sprint(x)
		}
		return strings.Join(parts, " | ")
	}
	return "any"
}
