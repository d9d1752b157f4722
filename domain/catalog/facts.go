package catalog

import (
	"reflect"
	"slices"
	"strings"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/audit"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/hook"
	"github.com/authledger/authledger/domain/operatorkey"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/signin"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/domain/webhookendpoint"
)

// Facts returns the facts of every event type, in Events() order, with
// PII filled from the events' pii:"true" struct tags.
func Facts() []domain.Facts {
	all := slices.Concat(person.Facts(), account.Facts(), session.Facts(), group.Facts(),
		twofactor.Facts(), audit.Facts(), authenticator.Facts(), social.Facts(),
		operatorkey.Facts(), hook.Facts(), webhookendpoint.Facts(), signin.Facts())
	for i := range all {
		all[i].PII = piiFields(reflect.TypeOf(all[i].Event), "")
	}
	return all
}

// FactsByType indexes Facts by stored type name.
func FactsByType() map[string]domain.Facts {
	out := make(map[string]domain.Facts)
	for _, f := range Facts() {
		out[f.Type()] = f
	}
	return out
}

// piiFields lists the JSON paths (dotted for nested structs) of the fields
// tagged pii:"true" in t.
func piiFields(t reflect.Type, prefix string) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if f.Tag.Get("pii") == "true" {
			out = append(out, prefix+name)
			continue
		}
		out = append(out, piiFields(f.Type, prefix+name+".")...)
	}
	return out
}
