package strictjson

import (
	"reflect"
	"strings"
	"sync"
	"unicode"
)

// field is one JSON-visible struct field.
type field struct {
	name     string
	typ      reflect.Type
	required bool
	order    int // position in declaration order, used to sort issues
	quoted   bool
	depth    int
	tagged   bool
}

// structInfo lists the JSON fields of a struct type, found the way
// encoding/json finds them (tags, "-", embedded structs promoted, shallower
// and tagged fields dominating).
type structInfo struct {
	byName map[string]*field
	byFold map[string]*field
	fields []*field
}

// structInfos caches each struct type's field table; a table is never
// modified once built, so concurrent decoders share it.
var structInfos sync.Map // reflect.Type → *structInfo

// structInfoOf returns the (cached) field table of struct type t.
func structInfoOf(t reflect.Type) *structInfo {
	if info, ok := structInfos.Load(t); ok {
		return info.(*structInfo)
	}
	info, _ := structInfos.LoadOrStore(t, newStructInfo(t))
	return info.(*structInfo)
}

// newStructInfo builds the field table of struct type t.
func newStructInfo(t reflect.Type) *structInfo {
	var all []*field
	collectFields(t, 0, &all, map[reflect.Type]bool{})
	info := &structInfo{byName: map[string]*field{}, byFold: map[string]*field{}}
	for _, f := range dominantFields(all) {
		f.order = len(info.fields)
		info.fields = append(info.fields, f)
		info.byName[f.name] = f
		info.byFold[foldKey(f.name)] = f
	}
	return info
}

// collectFields appends the fields of t (recursing into embedded structs).
func collectFields(t reflect.Type, depth int, out *[]*field, visiting map[reflect.Type]bool) {
	if visiting[t] {
		return
	}
	visiting[t] = true
	defer delete(visiting, t)
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := sf.Type
		if sf.Anonymous && name == "" {
			et := ft
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				collectFields(et, depth+1, out, visiting)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		f := &field{name: name, typ: ft, depth: depth, tagged: name != ""}
		if f.name == "" {
			f.name = sf.Name
		}
		f.quoted = hasOption(opts, "string")
		f.required = hasOption(sf.Tag.Get("strictjson"), "required")
		*out = append(*out, f)
	}
}

// dominantFields applies encoding/json's dominance rule: for each name the
// shallowest field wins, a tagged one breaks a tie, and a remaining tie
// hides the name altogether.
func dominantFields(all []*field) []*field {
	groups := map[string][]*field{}
	var names []string
	for _, f := range all {
		if _, ok := groups[f.name]; !ok {
			names = append(names, f.name)
		}
		groups[f.name] = append(groups[f.name], f)
	}
	var out []*field
	for _, n := range names {
		if f := dominant(groups[n]); f != nil {
			out = append(out, f)
		}
	}
	return out
}

func dominant(fs []*field) *field {
	best := []*field{}
	for _, f := range fs {
		switch {
		case len(best) == 0 || f.depth < best[0].depth:
			best = []*field{f}
		case f.depth == best[0].depth:
			best = append(best, f)
		}
	}
	if len(best) == 1 {
		return best[0]
	}
	var tagged []*field
	for _, f := range best {
		if f.tagged {
			tagged = append(tagged, f)
		}
	}
	if len(tagged) == 1 {
		return tagged[0]
	}
	return nil
}

func hasOption(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
}

// foldKey maps s to a canonical form such that foldKey(a) == foldKey(b)
// exactly when strings.EqualFold(a, b) (Unicode simple folding, the rule Go's
// decoder uses, so "\u212Aey" folds like "key").
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}
