package strictjson

import (
	"encoding"
	"encoding/json"
	"reflect"

	jsonv2 "github.com/go-json-experiment/json"
)

// kind is the JSON shape a Go type accepts.
type kind int

const (
	kindAny kind = iota
	kindString
	kindBool
	kindInt
	kindUint
	kindFloat
	kindStruct
	kindMap
	kindArray
)

// expectation describes what JSON value a Go type accepts.
type expectation struct {
	kind     kind
	nullable bool
	bits     int          // for numbers
	elem     reflect.Type // map value or array element
	typ      reflect.Type // struct type
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	unmarshalerFromType = reflect.TypeFor[jsonv2.UnmarshalerFrom]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func implements(t, iface reflect.Type) bool {
	return t.Implements(iface) || reflect.PointerTo(t).Implements(iface)
}

// customJSON reports whether t decodes itself from any JSON value (a
// json.Unmarshaler, or json/v2's UnmarshalerFrom).
func customJSON(t reflect.Type) bool {
	return implements(t, unmarshalerType) || implements(t, unmarshalerFromType)
}

// expect returns what JSON value type t accepts; quoted is the ",string"
// tag option, under which Go expects the value inside a JSON string.
func expect(t reflect.Type, quoted bool) expectation {
	if t == nil {
		return expectation{kind: kindAny, nullable: true}
	}
	nullable := false
	for t.Kind() == reflect.Pointer {
		if customJSON(t) {
			return expectation{kind: kindAny, nullable: true}
		}
		nullable, t = true, t.Elem()
	}
	if customJSON(t) {
		return expectation{kind: kindAny, nullable: true}
	}
	if implements(t, textUnmarshalerType) || quoted {
		return expectation{kind: kindString, nullable: nullable}
	}
	switch t.Kind() {
	case reflect.String:
		return expectation{kind: kindString, nullable: nullable}
	case reflect.Bool:
		return expectation{kind: kindBool, nullable: nullable}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return expectation{kind: kindInt, nullable: nullable, bits: t.Bits()}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return expectation{kind: kindUint, nullable: nullable, bits: t.Bits()}
	case reflect.Float32, reflect.Float64:
		return expectation{kind: kindFloat, nullable: nullable, bits: t.Bits()}
	case reflect.Struct:
		return expectation{kind: kindStruct, nullable: nullable, typ: t}
	case reflect.Map:
		return expectation{kind: kindMap, nullable: true, elem: t.Elem()}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !customJSON(t.Elem()) &&
			!implements(t.Elem(), textUnmarshalerType) {
			return expectation{kind: kindString, nullable: true} // base64
		}
		return expectation{kind: kindArray, nullable: true, elem: t.Elem()}
	case reflect.Array:
		return expectation{kind: kindArray, nullable: nullable, elem: t.Elem()}
	case reflect.Interface:
		return expectation{kind: kindAny, nullable: true}
	}
	return expectation{kind: kindAny, nullable: true} // chan, func…: encoding/json reports it
}

// name is the zod-style name of the expected type.
func (e expectation) name() string {
	switch e.kind {
	case kindString:
		return "string"
	case kindBool:
		return "boolean"
	case kindInt, kindUint:
		return "int"
	case kindFloat:
		return "number"
	case kindStruct, kindMap:
		return "object"
	case kindArray:
		return "array"
	}
	return "any"
}
