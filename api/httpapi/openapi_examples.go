package httpapi

import (
	_ "embed" // the table of valid requests
	"encoding/json"
	"regexp"
	"strings"

	"github.com/authledger/authledger/api/httpapi/openapi"
)

// validRequests is the table of a valid request per route
// (route_examples.json): the OpenAPI documents show its rows as examples,
// and the every-route tests start from them, so an example that stops
// being valid fails a test.
//
//go:embed route_examples.json
var validRequests []byte

// placeholder is a value of the table the tests fill in per fixture.
var placeholder = regexp.MustCompile(`\{[A-Za-z]+\}`)

// exampleValues are what the documents show for the table's placeholders;
// any other (an id) becomes "<id>".
var exampleValues = map[string]string{
	"{email}": "new@example.com", "{myEmail}": "me@example.com", "{victimEmail}": "someone@example.com",
	"{password}": "correct horse battery staple", "{origin}": "https://app.example.com", "{n}": "1",
	"{totp}": "123456", "{backupCode}": "abcde-fghij",
}

// examples are the table's rows for one group, keyed "METHOD /path" with
// the group's prefix ("/v1") removed, placeholders replaced.
func examples(prefix string) map[string]openapi.Example {
	filled := placeholder.ReplaceAllFunc(validRequests, func(m []byte) []byte {
		if v, ok := exampleValues[string(m)]; ok {
			return []byte(v)
		}
		return []byte("<id>")
	})
	var file struct {
		Routes map[string]openapi.Example `json:"routes"`
	}
	if err := json.Unmarshal(filled, &file); err != nil {
		return nil // the every-route tests refuse a table that does not parse
	}
	out := map[string]openapi.Example{}
	for k, ex := range file.Routes {
		method, path, _ := strings.Cut(k, " ")
		if rest, ok := strings.CutPrefix(path, "/v1/"); ok != (prefix == "/v1") {
			continue
		} else if ok {
			path = "/" + rest
		}
		out[method+" "+path] = ex
	}
	return out
}
