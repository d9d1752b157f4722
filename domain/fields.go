package domain

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// FieldType is the type of an additional user field, as in Better Auth's
// user.additionalFields.
type FieldType string

// Field types. JSON carries dates as RFC 3339 strings.
const (
	FieldString  FieldType = "string"
	FieldNumber  FieldType = "number"
	FieldBoolean FieldType = "boolean"
	FieldDate    FieldType = "date"
)

// DateLayout is how date fields are stored: RFC 3339 in UTC with
// milliseconds, the shape JavaScript's Date.toISOString produces.
const DateLayout = "2006-01-02T15:04:05.000Z"

// maxFieldName bounds additional field names.
const maxFieldName = 64

// FieldSpec declares one additional user field.
type FieldSpec struct {
	// Name is the JSON key: a letter or '_' then letters, digits or '_'.
	Name string
	// Type is the value's type.
	Type FieldType
	// Required fields must be present on sign-up unless Default is set.
	Required bool
	// Default is applied on sign-up when the field is absent: a string,
	// float64 or int, bool, or, for dates, an RFC 3339 string or time.Time.
	Default any
	// Input reports whether clients may set the field; when false only the
	// server does (through Default or admin commands).
	Input bool
}

// FieldSchema is the configured list of additional user fields.
type FieldSchema []FieldSpec

// RoleField returns the platform role field: a string defaulting to "user"
// that clients can never set.
func RoleField() FieldSpec {
	return FieldSpec{Name: "role", Type: FieldString, Default: "user", Input: false}
}

// Validate reports whether the schema is usable: names are unique, valid
// identifiers and not core user keys, types are known, defaults match their
// types, and a required field clients cannot set has a default.
func (s FieldSchema) Validate() error {
	seen := make(map[string]bool, len(s))
	for _, f := range s {
		if err := f.validate(); err != nil {
			return err
		}
		key := strings.ToLower(f.Name)
		if seen[key] {
			return schemaError("field %q is declared twice", f.Name)
		}
		seen[key] = true
	}
	return nil
}

func (f FieldSpec) validate() error {
	switch {
	case !validFieldName(f.Name):
		return schemaError("field name %q is not a valid identifier", f.Name)
	case isCoreUserKey(f.Name):
		return schemaError("field name %q is a core user attribute", f.Name)
	case !f.Type.valid():
		return schemaError("field %q has unknown type %q", f.Name, f.Type)
	case f.Required && !f.Input && f.Default == nil:
		return schemaError("field %q is required but neither settable by clients nor defaulted", f.Name)
	}
	if f.Default != nil {
		if _, err := f.defaultValue(); err != nil {
			return schemaError("field %q: default does not match type %s", f.Name, f.Type)
		}
	}
	return nil
}

// ForCreate checks client input on sign-up and returns the values to store:
// every key must be a field with Input set (else CodeFieldNotAllowed),
// values must have the field's JSON type (else CodeValidation), absent or
// null fields take their Default, and a required field without value or
// default is a CodeValidation error. Dates are stored in DateLayout.
func (s FieldSchema) ForCreate(in map[string]any) (map[string]any, error) {
	out, err := s.convertInput(in, false)
	if err != nil {
		return nil, err
	}
	for _, f := range s {
		if _, ok := out[f.Name]; ok {
			continue
		}
		switch {
		case f.Default != nil:
			v, err := f.defaultValue()
			if err != nil {
				return nil, schemaError("field %q: default does not match type %s", f.Name, f.Type)
			}
			out[f.Name] = v
		case f.Required:
			return nil, Errorf(CodeValidation, fmt.Sprintf("[body.%s] expected %s, received undefined", f.Name, f.Type))
		}
	}
	return out, nil
}

// ForUpdate checks client input on update-user like ForCreate but applies no
// defaults and does not require anything; null clears an optional field.
func (s FieldSchema) ForUpdate(in map[string]any) (map[string]any, error) {
	return s.convertInput(in, true)
}

// convertInput checks and converts each input key in sorted order, so the
// first error is deterministic. On create, null means absent.
func (s FieldSchema) convertInput(in map[string]any, update bool) (map[string]any, error) {
	out := make(map[string]any, len(s))
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f, ok := s.lookup(k)
		if !ok || !f.Input {
			return nil, Errorf(CodeFieldNotAllowed, fmt.Sprintf("[body.%s] %s is not allowed to be set", k, k))
		}
		v := in[k]
		if v == nil {
			if update && f.Required {
				return nil, Errorf(CodeValidation, fmt.Sprintf("[body.%s] expected %s, received null", k, f.Type))
			}
			if update {
				out[k] = nil
			}
			continue
		}
		conv, err := f.Type.convert(v)
		if err != nil {
			return nil, Errorf(CodeValidation, fmt.Sprintf("[body.%s] %s", k, err.Error()))
		}
		out[k] = conv
	}
	return out, nil
}

func (s FieldSchema) lookup(name string) (FieldSpec, bool) {
	for _, f := range s {
		if f.Name == name {
			return f, true
		}
	}
	return FieldSpec{}, false
}

func schemaError(format string, args ...any) error {
	return Errorf(CodeValidation, "additional fields: "+fmt.Sprintf(format, args...))
}

// isCoreUserKey reports whether name, ignoring case, is a user attribute
// authledger owns, which additional fields may not shadow.
func isCoreUserKey(name string) bool {
	switch strings.ToLower(name) {
	case "id", "name", "email", "emailverified", "image", "createdat", "updatedat", "twofactorenabled", "password":
		return true
	}
	return false
}

func validFieldName(name string) bool {
	if name == "" || len(name) > maxFieldName {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func (t FieldType) valid() bool {
	return t == FieldString || t == FieldNumber || t == FieldBoolean || t == FieldDate
}

// defaultValue converts Default to its stored form, accepting the Go types
// a configuration naturally uses (int for numbers, time.Time for dates).
func (f FieldSpec) defaultValue() (any, error) {
	switch d := f.Default.(type) {
	case int:
		if f.Type == FieldNumber {
			return float64(d), nil
		}
	case time.Time:
		if f.Type == FieldDate {
			return d.UTC().Format(DateLayout), nil
		}
	}
	return f.Type.convert(f.Default)
}

// convert checks a JSON-decoded value against the type and returns its
// stored form; the error text reads "expected <type>, received <kind>".
func (t FieldType) convert(v any) (any, error) {
	switch t {
	case FieldString:
		if s, ok := v.(string); ok {
			return s, nil
		}
	case FieldBoolean:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case FieldNumber:
		if n, ok := number(v); ok {
			return n, nil
		}
	case FieldDate:
		if s, ok := v.(string); ok {
			d, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return nil, fmt.Errorf("expected date, received a string that is not RFC 3339")
			}
			return d.UTC().Format(DateLayout), nil
		}
	}
	return nil, fmt.Errorf("expected %s, received %s", t, jsonKind(v))
}

// number accepts float64 (encoding/json's default) and json.Number, finite
// only.
func number(v any) (float64, bool) {
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case json.Number:
		var err error
		if f, err = n.Float64(); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}

// jsonKind names a decoded value's JSON type for error messages.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64, json.Number:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}
