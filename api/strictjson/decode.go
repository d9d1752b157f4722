package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"sort"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/authledger/authledger/domain"
)

// MaxDepth is the deepest nesting of objects and arrays a body may have.
const MaxDepth = 32

// maxIssues caps how many issues one error message lists.
const maxIssues = 10

// invalidJSONMessage is Better Auth's message for a body that does not parse.
const invalidJSONMessage = "Invalid JSON in request body"

// Sentinels for errors.Is (which compares codes).
var (
	// ErrInvalidJSON matches malformed bodies (CodeBadRequest).
	ErrInvalidJSON = domain.Errorf(domain.CodeBadRequest, invalidJSONMessage)
	// ErrValidation matches well-formed bodies of the wrong shape (CodeValidation).
	ErrValidation = domain.Errorf(domain.CodeValidation, "Invalid input")
)

// Issue is one problem with one field, as Better Auth (zod) reports it.
// Path is the dotted path below the body ("email", "profile.age", "tags.0"),
// empty for the body itself.
type Issue struct {
	Path    string
	Message string
}

// String formats the issue as Better Auth does: "[body.email] Invalid email
// address".
func (i Issue) String() string {
	if i.Path == "" {
		return "[body] " + i.Message
	}
	return "[body." + i.Path + "] " + i.Message
}

// Validator is implemented by request types that check their own values
// after decoding (email syntax, lengths). Decode calls Validate and merges
// its issues with the type issues, ordered by the struct's field order the
// way zod orders them, so one message lists every problem.
type Validator interface {
	Validate() []Issue
}

// Invalid builds the CodeValidation error for issues, joined with "; " as
// Better Auth joins them.
func Invalid(issues ...Issue) *domain.Error {
	parts := make([]string, 0, min(len(issues), maxIssues))
	for i, is := range issues {
		if i == maxIssues {
			break
		}
		parts = append(parts, is.String())
	}
	return domain.Errorf(domain.CodeValidation, strings.Join(parts, "; "))
}

func invalidJSON() *domain.Error { return domain.Errorf(domain.CodeBadRequest, invalidJSONMessage) }

// Decode strictly decodes a JSON request body into dst, a non-nil pointer.
// An empty (or all-whitespace) body is treated as {}. Struct fields tagged
// `strictjson:"required"` must be present. See the package doc for the
// rules; every error is a *domain.Error.
func Decode(body []byte, dst any) error {
	_, err := DecodeWithExtra(body, dst, nil)
	return err
}

// DecodeWithExtra is Decode that also accepts top-level keys that are not
// fields of dst when allowExtra(key) is true (additional user fields). It
// returns those keys with their raw values. An extra key that equals a field
// name under case folding is still rejected, as are duplicates.
func DecodeWithExtra(body []byte, dst any, allowExtra func(key string) bool) (map[string]json.RawMessage, error) {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, domain.Errorf(domain.CodeInternal, "strictjson: destination must be a non-nil pointer")
	}
	body = emptyAsObject(body)
	s := &scanner{allowExtra: allowExtra, failed: map[string]bool{}}
	if err := s.scan(body, rv.Elem().Type()); err != nil {
		return nil, invalidJSON()
	}
	if s.unknownSeen {
		return nil, Invalid(s.unknown...)
	}
	if s.rootFailed() {
		return nil, Invalid(s.sorted()...)
	}
	extras, err := s.fill(body, dst)
	if err != nil {
		return nil, err
	}
	if v, ok := dst.(Validator); ok {
		s.addValidated(v.Validate(), rv.Elem().Type())
	}
	if len(s.issues) > 0 {
		return nil, Invalid(s.sorted()...)
	}
	return extras, nil
}

// scan walks the whole body once and rejects anything after the value.
// jsontext's defaults refuse invalid UTF-8 (unpaired surrogate escapes
// included) and duplicate names at every level.
func (s *scanner) scan(body []byte, t reflect.Type) error {
	s.dec = jsontext.NewDecoder(bytes.NewBuffer(body))
	if err := s.value(t, false, ""); err != nil {
		return err
	}
	if _, err := s.dec.ReadToken(); !errors.Is(err, io.EOF) {
		return &errSyntax{"data after the top-level value"}
	}
	return nil
}

// rootFailed reports an issue with the body itself (not an object, say).
func (s *scanner) rootFailed() bool {
	for _, is := range s.issues {
		if is.Path == "" {
			return true
		}
	}
	return false
}

// fill decodes body into dst, leaving out extras and fields that failed.
func (s *scanner) fill(body []byte, dst any) (map[string]json.RawMessage, error) {
	if len(s.failed) == 0 && len(s.extras) == 0 {
		return nil, decodeInto(body, dst)
	}
	var top map[string]jsontext.Value
	if err := jsonv2.Unmarshal(body, &top); err != nil {
		return nil, Invalid(Issue{Message: "Invalid input"})
	}
	var extras map[string]json.RawMessage
	for _, k := range s.extras {
		if extras == nil {
			extras = map[string]json.RawMessage{}
		}
		extras[k] = json.RawMessage(top[k])
		delete(top, k)
	}
	for k := range s.failed {
		delete(top, k)
	}
	rest, err := jsonv2.Marshal(top)
	if err != nil {
		return nil, Invalid(Issue{Message: "Invalid input"})
	}
	return extras, decodeInto(rest, dst)
}

// decodeInto runs json/v2 on an already vetted body: names matched in
// exact case and unknown members refused by the library itself. A failure
// here (a custom UnmarshalJSON refusing its input) becomes a validation
// issue; the underlying message is dropped because it may quote the value.
func decodeInto(body []byte, dst any) error {
	err := jsonv2.Unmarshal(body, dst, jsonv2.RejectUnknownMembers(true))
	if err == nil {
		return nil
	}
	var se *jsonv2.SemanticError
	if errors.As(err, &se) {
		return Invalid(Issue{Path: dotted(se.JSONPointer), Message: "Invalid input"})
	}
	return Invalid(Issue{Message: "Invalid input"})
}

// dotted turns a JSON Pointer ("/profile/tags/0") into an issue path
// ("profile.tags.0").
func dotted(p jsontext.Pointer) string {
	var parts []string
	for tok := range p.Tokens() {
		parts = append(parts, tok)
	}
	return strings.Join(parts, ".")
}

// addValidated merges a Validator's issues, skipping fields that already
// failed their type check.
func (s *scanner) addValidated(issues []Issue, t reflect.Type) {
	var info *structInfo
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		info = structInfoOf(t)
	}
	for _, is := range issues {
		head, _, _ := strings.Cut(is.Path, ".")
		if s.failed[head] {
			continue
		}
		rank := 1 << 30
		if info != nil {
			if f := info.byName[head]; f != nil {
				rank = f.order
			}
		}
		s.issues = append(s.issues, rankedIssue{rank: rank, Issue: is})
	}
}

// sorted returns the issues in field declaration order (stable).
func (s *scanner) sorted() []Issue {
	sort.SliceStable(s.issues, func(i, j int) bool { return s.issues[i].rank < s.issues[j].rank })
	out := make([]Issue, len(s.issues))
	for i, is := range s.issues {
		out[i] = is.Issue
	}
	return out
}

// emptyAsObject returns "{}" for a body of JSON whitespace only.
func emptyAsObject(body []byte) []byte {
	for _, c := range body {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return body
		}
	}
	return []byte("{}")
}
