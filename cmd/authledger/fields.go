package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
)

// parseFields reads --user-fields: a comma-separated list of
// name:type[:required][:input][=default], e.g.
// "plan:string:input=free,age:number:input,beta:boolean=false".
func parseFields(spec string) (domain.FieldSchema, error) {
	var out domain.FieldSchema
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		f, err := parseField(item)
		if err != nil {
			return nil, fmt.Errorf("%w: --user-fields %q: %v", errUsage, item, err)
		}
		out = append(out, f)
	}
	return out, nil
}

func parseField(item string) (domain.FieldSpec, error) {
	decl, def, hasDef := strings.Cut(item, "=")
	parts := strings.Split(decl, ":")
	if len(parts) < 2 {
		return domain.FieldSpec{}, fmt.Errorf("want name:type")
	}
	f := domain.FieldSpec{Name: parts[0], Type: domain.FieldType(parts[1])}
	for _, flag := range parts[2:] {
		switch flag {
		case "required":
			f.Required = true
		case "input":
			f.Input = true
		default:
			return f, fmt.Errorf("unknown option %q", flag)
		}
	}
	if hasDef {
		v, err := parseDefault(f.Type, def)
		if err != nil {
			return f, err
		}
		f.Default = v
	}
	return f, nil
}

func parseDefault(t domain.FieldType, s string) (any, error) {
	switch t {
	case "string":
		return s, nil
	case "number":
		return strconv.ParseFloat(s, 64)
	case "boolean":
		return strconv.ParseBool(s)
	case "date":
		ts, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return nil, err
		}
		return ts.UTC().Format("2006-01-02T15:04:05.000Z"), nil
	}
	return nil, fmt.Errorf("unknown type %q", t)
}
