package strictjson

import (
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// errSyntax is the structural failure of a scan: the body is not acceptable
// JSON at all (syntax, invalid UTF-8, duplicate names, trailing data, all
// reported by jsontext; depth and case-variant names, ours). The reason is
// for tests and never reaches the client.
type errSyntax struct{ reason string }

func (e *errSyntax) Error() string { return "strictjson: " + e.reason }

// scanner walks jsontext's token stream next to the destination type,
// checking what the library leaves to us (depth, NUL, case variants of a
// struct's names) and collecting shape issues in Better Auth's words.
type scanner struct {
	dec         *jsontext.Decoder
	depth       int
	top         int // declaration index of the current top-level field
	issues      []rankedIssue
	count       int     // issues seen, including those beyond maxCollected
	unknown     []Issue // unrecognized struct keys (first few)
	unknownSeen bool
	allowExtra  func(key string) bool
	extras      []string // top-level keys accepted as extras
	failed      map[string]bool
}

// rankedIssue is an Issue with the declaration index of its top-level field.
type rankedIssue struct {
	rank int
	Issue
}

// maxCollected bounds the memory a hostile body can make issues take.
const maxCollected = 100

func (s *scanner) issue(path, msg string) {
	s.count++
	if len(s.issues) < maxCollected {
		s.issues = append(s.issues, rankedIssue{rank: s.top, Issue: Issue{Path: path, Message: msg}})
	}
}

// value scans one JSON value that should decode into type t.
func (s *scanner) value(t reflect.Type, quoted bool, path string) error {
	tok, err := s.dec.ReadToken()
	if err != nil {
		return &errSyntax{"syntax: " + err.Error()}
	}
	e := expect(t, quoted)
	if d := tok.Kind(); d == '{' || d == '[' {
		return s.composite(d, e, path)
	}
	s.scalar(tok, e, path)
	return nil
}

// more reports whether the object or array being read has another member
// before its closing delimiter end; a malformed body is a syntax error.
func (s *scanner) more(end jsontext.Kind) (bool, error) {
	switch s.dec.PeekKind() {
	case end:
		return false, nil
	case 0: // invalid or truncated: ReadToken says why
		_, err := s.dec.ReadToken()
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return false, &errSyntax{"syntax: " + err.Error()}
	}
	return true, nil
}

func (s *scanner) composite(d jsontext.Kind, e expectation, path string) error {
	s.depth++
	defer func() { s.depth-- }()
	if s.depth > MaxDepth {
		return &errSyntax{"nesting deeper than " + strconv.Itoa(MaxDepth)}
	}
	if d == '[' {
		return s.array(e, path)
	}
	return s.object(e, path)
}

func (s *scanner) array(e expectation, path string) error {
	elem := reflect.Type(nil)
	if e.kind == kindArray {
		elem = e.elem
	} else if e.kind != kindAny {
		s.issue(path, mismatch(e, "array"))
	}
	for i := 0; ; i++ {
		if more, err := s.more(']'); !more {
			if err != nil {
				return err
			}
			return s.closing()
		}
		if err := s.value(elem, false, joinPath(path, strconv.Itoa(i))); err != nil {
			return err
		}
	}
}

func (s *scanner) object(e expectation, path string) error {
	switch e.kind {
	case kindStruct:
		return s.structObject(structInfoOf(e.typ), path)
	case kindMap:
		return s.mapObject(e.elem, path)
	case kindAny:
		return s.mapObject(nil, path)
	}
	s.issue(path, mismatch(e, "object"))
	return s.mapObject(nil, path)
}

// mapObject scans an object with free keys (jsontext refuses duplicates).
func (s *scanner) mapObject(elem reflect.Type, path string) error {
	for {
		if more, err := s.more('}'); !more {
			if err != nil {
				return err
			}
			return s.closing()
		}
		key, err := s.key()
		if err != nil {
			return err
		}
		if err := s.value(elem, false, joinPath(path, key)); err != nil {
			return err
		}
	}
}

// structObject scans an object bound to a struct: keys must be field names
// in exact case (jsontext refuses exact duplicates; two keys that differ
// only by case are refused here, so {"email":…,"EMAIL":…} is malformed
// rather than one known and one unknown key).
func (s *scanner) structObject(info *structInfo, path string) error {
	topLevel := s.depth == 1
	seen := map[string]bool{}
	for {
		if more, err := s.more('}'); !more {
			if err != nil {
				return err
			}
			break
		}
		key, err := s.key()
		if err != nil {
			return err
		}
		fk := foldKey(key)
		if seen[fk] {
			return &errSyntax{"two names that differ only by case"}
		}
		seen[fk] = true
		if err := s.member(info, key, fk, path, topLevel); err != nil {
			return err
		}
	}
	if err := s.closing(); err != nil {
		return err
	}
	s.missing(info, seen, path, topLevel)
	return nil
}

// member scans the value of one key of a struct object.
func (s *scanner) member(info *structInfo, key, fk, path string, topLevel bool) error {
	f := info.byName[key]
	if f == nil {
		_, clash := info.byFold[fk]
		if topLevel && !clash && s.allowExtra != nil && s.allowExtra(key) {
			s.extras = append(s.extras, key)
		} else {
			if len(s.unknown) < maxIssues {
				s.unknown = append(s.unknown, Issue{Path: path, Message: "Unrecognized key: " + quoteKey(key)})
			}
			s.unknownSeen = true
		}
		return s.value(nil, false, joinPath(path, key))
	}
	if topLevel {
		s.top = f.order
	}
	before := s.count
	err := s.value(f.typ, f.quoted, joinPath(path, key))
	if topLevel && s.count > before {
		s.failed[key] = true
	}
	return err
}

// missing records required fields that did not appear.
func (s *scanner) missing(info *structInfo, seen map[string]bool, path string, topLevel bool) {
	for _, f := range info.fields {
		if !f.required || seen[foldKey(f.name)] {
			continue
		}
		if topLevel {
			s.top = f.order
			s.failed[f.name] = true
		}
		s.issue(joinPath(path, f.name), mismatch(expect(f.typ, f.quoted), "undefined"))
	}
}

func (s *scanner) key() (string, error) {
	tok, err := s.dec.ReadToken()
	if err != nil {
		return "", &errSyntax{"syntax: " + err.Error()}
	}
	if tok.Kind() != '"' {
		return "", &errSyntax{"object key is not a string"}
	}
	return tok.String(), nil
}

func (s *scanner) closing() error {
	if _, err := s.dec.ReadToken(); err != nil {
		return &errSyntax{"syntax: " + err.Error()}
	}
	return nil
}

// scalar checks a string, number, boolean or null against e.
func (s *scanner) scalar(tok jsontext.Token, e expectation, path string) {
	k := tok.Kind()
	got := received(k)
	if k == '"' && strings.IndexByte(tok.String(), 0) >= 0 {
		s.issue(path, nulMessage)
		return
	}
	switch {
	case k == 'n':
		if !e.nullable {
			s.issue(path, mismatch(e, got))
		}
	case e.kind == kindAny:
		if k == '0' {
			if _, err := strconv.ParseFloat(tok.String(), 64); err != nil {
				s.issue(path, "Invalid input: number out of range")
			}
		}
	case !scalarFits(tok, e):
		s.issue(path, mismatch(e, got))
	}
}

// nulMessage refuses a string with a NUL character (U+0000): no field
// has a use for one, and PostgreSQL's text columns (stream names, claim
// keys, read tables) cannot store it.
const nulMessage = "Invalid input: must not contain the NUL character"

// scalarFits reports whether a non-null scalar token decodes into e. A
// number is parsed from its literal text (jsontext keeps it), so range and
// integrality are judged exactly as the Go type will.
func scalarFits(tok jsontext.Token, e expectation) bool {
	switch tok.Kind() {
	case '"':
		return e.kind == kindString
	case 't', 'f':
		return e.kind == kindBool
	case '0':
		var err error
		switch e.kind {
		case kindInt:
			_, err = strconv.ParseInt(tok.String(), 10, e.bits)
		case kindUint:
			_, err = strconv.ParseUint(tok.String(), 10, e.bits)
		case kindFloat:
			_, err = strconv.ParseFloat(tok.String(), e.bits)
		default:
			return false
		}
		return err == nil
	}
	return false
}

// received is zod's name for the kind of a JSON scalar token.
func received(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case '0':
		return "number"
	}
	return "unknown"
}

// mismatch is zod's invalid_type message ("Invalid input: expected string,
// received array"). An integer field fed a non-number reports "number", as
// z.number().int() does.
func mismatch(e expectation, got string) string {
	want := e.name()
	if want == "int" && got != "number" {
		want = "number"
	}
	return "Invalid input: expected " + want + ", received " + got
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// quoteKey quotes a client-chosen key for an error message, cut to a
// readable length.
func quoteKey(k string) string {
	const maxKey = 64
	if len(k) > maxKey {
		k = strings.ToValidUTF8(k[:maxKey], "") + "…"
	}
	return strconv.Quote(k)
}
