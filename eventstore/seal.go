package eventstore

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// sealedPrefix marks a sealed PII value: "sealed:v1:" followed by the
// standard base64 of nonce ‖ AES-256-GCM ciphertext.
const sealedPrefix = "sealed:v1:"

// ErrBadSeal reports a PII field that cannot be opened although its key
// exists: tampered or truncated ciphertext, or plaintext where a sealed value
// was expected.
var ErrBadSeal = errors.New("eventstore: bad sealed field")

// piiField locates one `pii:"true"` string field inside a struct.
//
// A field tagged `pii:"true" keyref:"Other"` is sealed with the data key
// named by the string field Other of the same struct instead of the
// record's KeyRef (when Other is empty, the record's key is used): one
// event can then hold a value that must be erasable on its own, such as
// an invited address inside an organization's stream. When that key is
// destroyed the field opens as empty, whatever the record's key.
type piiField struct {
	index    []int  // reflect index path from the top-level struct
	name     string // JSON key path ("email", "profile.email"); part of the AD
	ptr      bool   // *string rather than string
	keyIndex []int  // index path of the field naming the field's own key; nil: the record's
}

// keyFunc returns the AEAD of a data key; create makes a missing key,
// otherwise a missing key is ErrKeyNotFound.
type keyFunc func(ref string, create bool) (cipher.AEAD, error)

// sealPlan lists the PII fields of one struct type, computed once per type.
type sealPlan struct {
	fields []piiField
}

// planFor walks t (a struct type) and collects its PII fields. Supported:
// string and *string fields, also inside nested or embedded struct values.
// PII inside pointers-to-struct, slices, maps or arrays is rejected so that
// nothing tagged as personal is silently written in the clear.
func planFor(t reflect.Type) (sealPlan, error) {
	if t.Kind() != reflect.Struct {
		return sealPlan{}, fmt.Errorf("eventstore: %v is not a struct", t)
	}
	var p sealPlan
	err := collectPII(t, nil, "", &p.fields, map[reflect.Type]bool{})
	return p, err
}

func collectPII(t reflect.Type, index []int, prefix string, out *[]piiField, seen map[reflect.Type]bool) error {
	seen[t] = true
	defer delete(seen, t)
	for i := range t.NumField() {
		f := t.Field(i)
		name, inJSON := jsonName(f)
		tagged := f.Tag.Get("pii") == "true"
		idx := append(append([]int(nil), index...), i)
		switch {
		case tagged && (!inJSON || !f.IsExported()):
			return fmt.Errorf("eventstore: %v.%s: pii field must be exported and in JSON", t, f.Name)
		case tagged:
			pf, err := piiLeaf(t, f, idx, prefix+name)
			if err != nil {
				return err
			}
			*out = append(*out, pf)
		case f.Type.Kind() == reflect.Struct && !seen[f.Type] && (f.Anonymous || f.IsExported()) && inJSON:
			sub := prefix + name + "."
			if f.Anonymous && f.Tag.Get("json") == "" {
				sub = prefix
			}
			if err := collectPII(f.Type, idx, sub, out, seen); err != nil {
				return err
			}
		case hasPII(f.Type, map[reflect.Type]bool{}):
			return fmt.Errorf("eventstore: %v.%s: pii fields behind %v are not supported", t, f.Name, f.Type.Kind())
		}
	}
	return nil
}

func piiLeaf(t reflect.Type, f reflect.StructField, idx []int, name string) (piiField, error) {
	var pf piiField
	switch {
	case f.Type.Kind() == reflect.String:
		pf = piiField{index: idx, name: name}
	case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.String:
		pf = piiField{index: idx, name: name, ptr: true}
	default:
		return piiField{}, fmt.Errorf("eventstore: %v.%s: pii field must be string or *string", t, f.Name)
	}
	if ref := f.Tag.Get("keyref"); ref != "" {
		kf, ok := t.FieldByName(ref)
		if !ok || !kf.IsExported() || kf.Type.Kind() != reflect.String || len(kf.Index) != 1 || kf.Tag.Get("pii") == "true" {
			return piiField{}, fmt.Errorf("eventstore: %v.%s: keyref %q must name an exported, unsealed string field of the same struct", t, f.Name, ref)
		}
		pf.keyIndex = append(append([]int(nil), idx[:len(idx)-1]...), kf.Index[0])
	}
	return pf, nil
}

// ownKey returns the key ref of a field sealed with its own key, or "".
func (pf piiField) ownKey(v reflect.Value) string {
	if pf.keyIndex == nil {
		return ""
	}
	return v.FieldByIndex(pf.keyIndex).String()
}

// hasPII reports whether t (or what it points to or holds) has a PII tag.
func hasPII(t reflect.Type, seen map[reflect.Type]bool) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return hasPII(t.Elem(), seen)
	case reflect.Struct:
		if seen[t] {
			return false
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Tag.Get("pii") == "true" || hasPII(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// jsonName returns the JSON key of f and whether encoding/json writes it.
func jsonName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, f.IsExported() || f.Anonymous
}

// get reads a PII field; ok is false for a nil pointer.
func (pf piiField) get(v reflect.Value) (string, bool) {
	fv := v.FieldByIndex(pf.index)
	if pf.ptr {
		if fv.IsNil() {
			return "", false
		}
		return fv.Elem().String(), true
	}
	return fv.String(), true
}

// set writes a PII field; a pointer field gets a fresh pointer so the
// caller's value is never modified. clear sets a pointer field to nil.
func (pf piiField) set(v reflect.Value, s string, clear bool) {
	fv := v.FieldByIndex(pf.index)
	switch {
	case pf.ptr && clear:
		fv.Set(reflect.Zero(fv.Type()))
	case pf.ptr:
		fv.Set(reflect.ValueOf(&s))
	default:
		fv.SetString(s)
	}
}

// additionalData binds a ciphertext to its subject and field, so sealed
// values cannot be moved between people or fields.
func additionalData(keyRef, field string) []byte {
	return []byte(keyRef + "\x00" + field)
}

// sealString encrypts plaintext for keyRef's field.
func sealString(aead cipher.AEAD, keyRef, field, plaintext string) (string, error) {
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("eventstore: seal nonce: %w", err)
	}
	out := aead.Seal(nonce, nonce, []byte(plaintext), additionalData(keyRef, field))
	return sealedPrefix + base64.StdEncoding.EncodeToString(out), nil
}

// openString decrypts a value produced by sealString.
func openString(aead cipher.AEAD, keyRef, field, sealed string) (string, error) {
	b64, ok := strings.CutPrefix(sealed, sealedPrefix)
	if !ok {
		return "", fmt.Errorf("%w: %s is not sealed", ErrBadSeal, field)
	}
	// One buffer holds the additional data and the decoded bytes, and the
	// plaintext is decrypted in place: a rebuild opens millions of fields,
	// and this keeps it to two allocations each (this one and the string).
	adLen := len(keyRef) + 1 + len(field)
	buf := make([]byte, adLen+base64.StdEncoding.DecodedLen(len(b64)))
	ad := append(append(append(buf[:0], keyRef...), 0), field...)
	m, err := base64.StdEncoding.Decode(buf[adLen:], []byte(b64))
	raw := buf[adLen : adLen+m]
	if err != nil || len(raw) < aead.NonceSize()+aead.Overhead() {
		return "", fmt.Errorf("%w: %s is malformed", ErrBadSeal, field)
	}
	n := aead.NonceSize()
	plain, err := aead.Open(raw[n:n], raw[:n], raw[n:], ad)
	if err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrBadSeal, field, err)
	}
	return string(plain), nil
}

// sealValue replaces every non-empty PII field of v (an addressable copy)
// with its sealed form. aead nil means "no key": PII is then dropped when
// drop is set, and rejected otherwise.
func (p sealPlan) sealValue(v reflect.Value, aead cipher.AEAD, keyRef string, drop bool, keys keyFunc) error {
	for _, pf := range p.fields {
		s, ok := pf.get(v)
		if !ok || s == "" {
			continue
		}
		if ref := pf.ownKey(v); ref != "" {
			a, err := keys(ref, true)
			if err != nil {
				return err
			}
			sealed, err := sealString(a, ref, pf.name, s)
			if err != nil {
				return err
			}
			pf.set(v, sealed, false)
			continue
		}
		if aead == nil {
			if !drop {
				return fmt.Errorf("eventstore: pii field %s needs a key ref", pf.name)
			}
			pf.set(v, "", true)
			continue
		}
		sealed, err := sealString(aead, keyRef, pf.name, s)
		if err != nil {
			return err
		}
		pf.set(v, sealed, false)
	}
	return nil
}

// openValue replaces every sealed PII field of v with its plaintext. erased
// means the subject's key is gone: the fields become empty.
func (p sealPlan) openValue(v reflect.Value, aead cipher.AEAD, keyRef string, erased bool, keys keyFunc) error {
	for _, pf := range p.fields {
		s, ok := pf.get(v)
		if !ok || s == "" {
			continue
		}
		if ref := pf.ownKey(v); ref != "" {
			if err := openOwn(v, pf, s, ref, keys); err != nil {
				return err
			}
			continue
		}
		if erased {
			pf.set(v, "", true)
			continue
		}
		if aead == nil {
			return fmt.Errorf("%w: %s has a value but the record has no key ref", ErrBadSeal, pf.name)
		}
		plain, err := openString(aead, keyRef, pf.name, s)
		if err != nil {
			return err
		}
		pf.set(v, plain, false)
	}
	return nil
}

// openOwn opens a field sealed with its own key ref; a destroyed key
// leaves the field empty.
func openOwn(v reflect.Value, pf piiField, sealed, ref string, keys keyFunc) error {
	a, err := keys(ref, false)
	switch {
	case errors.Is(err, ErrKeyNotFound):
		pf.set(v, "", true)
		return nil
	case err != nil:
		return err
	}
	plain, err := openString(a, ref, pf.name, sealed)
	if err != nil {
		return err
	}
	pf.set(v, plain, false)
	return nil
}

// clearValue empties every PII field of v, without opening any.
func (p sealPlan) clearValue(v reflect.Value) {
	for _, pf := range p.fields {
		if s, ok := pf.get(v); ok && (s != "" || pf.ptr) {
			pf.set(v, "", true)
		}
	}
}

// hasValues reports whether any PII field of v sealed with the record's
// key is non-empty.
func (p sealPlan) hasValues(v reflect.Value) bool {
	for _, pf := range p.fields {
		if pf.ownKey(v) != "" {
			continue
		}
		if s, ok := pf.get(v); ok && s != "" {
			return true
		}
	}
	return false
}
