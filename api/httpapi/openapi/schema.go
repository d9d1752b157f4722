package openapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"
)

// Schema is one JSON Schema (2020-12, as OpenAPI 3.1 has it) as a plain
// map, marshalled as is.
type Schema = map[string]any

var (
	rawMessageType = reflect.TypeFor[json.RawMessage]()
	timeType       = reflect.TypeFor[time.Time]()
)

// schemaOf is the schema of a value of type t as encoding/json reads and
// writes it: structs by their json tags (embedded structs flattened),
// pointers as their element or null (the field optional), byte slices as base64
// strings, json.RawMessage and interfaces as any value. A field is
// required when it is neither a pointer nor tagged omitempty/omitzero:
// the handlers take a missing pointer field as absent and refuse it
// themselves where they need it.
func schemaOf(t reflect.Type) Schema {
	return schemaSeen(t, map[reflect.Type]bool{})
}

// requestSchemaOf is schemaOf for a request body, where no field is
// required: the strict decoder takes a missing field as its zero value and
// the handler refuses what it needs with a coded 4xx (the document's 4XX
// answer), so only the types and the known keys are described.
func requestSchemaOf(t reflect.Type) Schema {
	return dropRequired(schemaOf(t))
}

// dropRequired removes every "required" list from s, recursively.
func dropRequired(s Schema) Schema {
	delete(s, "required")
	for _, k := range []string{"items", "additionalProperties"} {
		if sub, ok := s[k].(Schema); ok {
			dropRequired(sub)
		}
	}
	if props, ok := s["properties"].(Schema); ok {
		for _, p := range props {
			dropRequired(p.(Schema))
		}
	}
	return s
}

// schemaSeen is schemaOf, seen holding the struct types being described
// (a recursive type becomes an open object past its first level).
func schemaSeen(t reflect.Type, seen map[reflect.Type]bool) Schema {
	if t == nil {
		return Schema{}
	}
	if t.Kind() == reflect.Pointer { // nil is written and read as null
		return nullable(schemaSeen(t.Elem(), seen))
	}
	switch {
	case t == rawMessageType:
		return Schema{}
	case t == timeType:
		return Schema{"type": "string", "format": "date-time"}
	}
	switch t.Kind() {
	case reflect.String:
		return Schema{"type": "string"}
	case reflect.Bool:
		return Schema{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Schema{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return Schema{"type": "number"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return Schema{"type": "string", "contentEncoding": "base64"}
		}
		// encoding/json writes a nil slice as null
		return Schema{"type": []any{"array", "null"}, "items": schemaSeen(t.Elem(), seen)}
	case reflect.Map:
		return Schema{"type": []any{"object", "null"}, "additionalProperties": schemaSeen(t.Elem(), seen)}
	case reflect.Struct:
		if seen[t] {
			return Schema{"type": "object"}
		}
		seen[t] = true
		defer delete(seen, t)
		return structSchema(t, seen)
	}
	return Schema{} // interfaces and the rest: any JSON value
}

// nullable is s that also takes null.
func nullable(s Schema) Schema {
	switch typ := s["type"].(type) {
	case string:
		s["type"] = []any{typ, "null"}
	case []any:
		for _, x := range typ {
			if x == "null" {
				return s
			}
		}
		s["type"] = append(typ, "null")
	}
	return s
}

// structSchema is the object schema of struct type t.
func structSchema(t reflect.Type, seen map[reflect.Type]bool) Schema {
	props := Schema{}
	var required []any
	addStructFields(t, seen, props, &required)
	s := Schema{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// addStructFields adds the JSON fields of t to props and the required
// ones' names to required, embedded structs flattened.
func addStructFields(t reflect.Type, seen map[reflect.Type]bool, props Schema, required *[]any) {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := sf.Type
		if sf.Anonymous && name == "" {
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addStructFields(ft, seen, props, required)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		props[name] = schemaSeen(ft, seen)
		optional := ft.Kind() == reflect.Pointer || strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
		if !optional {
			*required = append(*required, name)
		}
	}
}
