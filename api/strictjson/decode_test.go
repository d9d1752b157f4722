package strictjson

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

type signUp struct {
	Name        string         `json:"name" strictjson:"required"`
	Email       string         `json:"email" strictjson:"required"`
	Password    string         `json:"password" strictjson:"required"`
	Image       *string        `json:"image,omitempty"`
	CallbackURL string         `json:"callbackURL,omitempty"`
	RememberMe  *bool          `json:"rememberMe,omitempty"`
	Metadata    map[string]any `json:"metadata,omitempty"`
}

// TestDecodeRejects: duplicate and unknown keys, wrong types, invalid UTF-8,
// lone surrogates, trailing data and over-deep nesting are refused.
func TestDecodeRejects(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001)
	nest33 := `{"name":"n","email":"e","password":"p","metadata":` +
		strings.Repeat(`{"a":`, 32) + "1" + strings.Repeat("}", 32) + "}"
	tests := []struct {
		name    string
		body    string
		want    error
		message string
	}{
		{"row 4 invalid UTF-8 in password", "{\"name\":\"n\",\"email\":\"e\",\"password\":\"p\xffw\"}", ErrInvalidJSON, invalidJSONMessage},
		{"row 4 invalid UTF-8 in a key", "{\"n\xc3\":\"n\"}", ErrInvalidJSON, invalidJSONMessage},
		{"lone high surrogate", `{"name":"n","email":"e","password":"\ud800"}`, ErrInvalidJSON, invalidJSONMessage},
		{"lone low surrogate", `{"name":"n","email":"e","password":"\uDC00x"}`, ErrInvalidJSON, invalidJSONMessage},
		{"row 6 nesting 10 001 deep", deep, ErrInvalidJSON, invalidJSONMessage},
		{"nesting 33 deep", nest33, ErrInvalidJSON, invalidJSONMessage},
		{"row 7 duplicate key", `{"email":"a","email":"b","name":"n","password":"p"}`, ErrInvalidJSON, invalidJSONMessage},
		{"row 7 case variant", `{"email":"victim","EMAIL":"attacker","name":"n","password":"p"}`, ErrInvalidJSON, invalidJSONMessage},
		{"row 7 case variant alone", `{"EMAIL":"attacker","name":"n","password":"p"}`, ErrValidation, `[body] Unrecognized key: "EMAIL"`},
		{"row 7 Kelvin sign variant", `{"name":"n","\u212Aey":"x","email":"e","password":"p"}`, ErrValidation, "[body] Unrecognized key: \"\u212Aey\""},
		{"row 7 duplicate nested key", `{"name":"n","email":"e","password":"p","metadata":{"a":1,"a":2}}`, ErrInvalidJSON, invalidJSONMessage},
		{"row 8 email array", `{"name":"n","email":["a@x"],"password":"p"}`, ErrValidation, "[body.email] Invalid input: expected string, received array"},
		{"row 8 callbackURL object", `{"name":"n","email":"e","password":"p","callbackURL":{}}`, ErrValidation, "[body.callbackURL] Invalid input: expected string, received object"},
		{"row 8 null for a plain string", `{"name":null,"email":"e","password":"p"}`, ErrValidation, "[body.name] Invalid input: expected string, received null"},
		{"row 8 number for a boolean", `{"name":"n","email":"e","password":"p","rememberMe":1}`, ErrValidation, "[body.rememberMe] Invalid input: expected boolean, received number"},
		{"row 8 body is an array", `[]`, ErrValidation, "[body] Invalid input: expected object, received array"},
		{"row 8 body is null", `null`, ErrValidation, "[body] Invalid input: expected object, received null"},
		{"row 9 role", `{"name":"n","email":"e","password":"p","role":"admin"}`, ErrValidation, `[body] Unrecognized key: "role"`},
		{"row 9 emailVerified", `{"name":"n","email":"e","password":"p","emailVerified":true}`, ErrValidation, `[body] Unrecognized key: "emailVerified"`},
		{"row 9 userId", `{"name":"n","email":"e","password":"p","userId":"x"}`, ErrValidation, `[body] Unrecognized key: "userId"`},
		{"row 11 NoSQL operator object", `{"name":"n","email":{"$gt":""},"password":"p"}`, ErrValidation, "[body.email] Invalid input: expected string, received object"},
		{"NUL in a string", `{"name":"a\u0000b","email":"e","password":"p"}`, ErrValidation, "[body.name] " + nulMessage},
		{"NUL in a nested string", `{"name":"n","email":"e","password":"p","metadata":{"a":["\u0000"]}}`, ErrValidation,
			"[body.metadata.a.0] " + nulMessage},
		{"escaped backslash before u0000 is no NUL", `{"name":"a\\u0000","email":"e","password":"p","x":1}`, ErrValidation,
			`[body] Unrecognized key: "x"`},
		{"malformed (transcript)", `{"email":`, ErrInvalidJSON, invalidJSONMessage},
		{"trailing data", `{"name":"n","email":"e","password":"p"} {}`, ErrInvalidJSON, invalidJSONMessage},
		{"trailing garbage", `{"name":"n","email":"e","password":"p"}x`, ErrInvalidJSON, invalidJSONMessage},
		{"byte order mark", "\xef\xbb\xbf{}", ErrInvalidJSON, invalidJSONMessage},
		{"missing required fields in field order", `{"email":"e"}`, ErrValidation,
			"[body.name] Invalid input: expected string, received undefined; [body.password] Invalid input: expected string, received undefined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got signUp
			err := Decode([]byte(tt.body), &got)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode error = %v, want code %v", err, domain.CodeOf(tt.want))
			}
			var de *domain.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %T is not a *domain.Error", err)
			}
			if de.Message != tt.message {
				t.Errorf("message = %q, want %q", de.Message, tt.message)
			}
		})
	}
}

// TestDecodeRow11LiteralData: injection strings are plain data.
func TestDecodeRow11LiteralData(t *testing.T) {
	body := `{"name":"\"; DROP TABLE users;--","email":"' OR '1'='1","password":"{\"$gt\":\"\"}"}`
	var got signUp
	if err := Decode([]byte(body), &got); err != nil {
		t.Fatalf("Decode: %v", err)
	}
	want := signUp{Name: `"; DROP TABLE users;--`, Email: `' OR '1'='1`, Password: `{"$gt":""}`}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("decoded (-got +want):\n%s", diff)
	}
}

func TestDecodeAccepts(t *testing.T) {
	img := "https://example.com/a.png"
	yes := true
	tests := []struct {
		name string
		body string
		want signUp
	}{
		{"transcript sign-up", `{"email":"alice@example.com","password":"correct horse 1","name":"Alice"}`,
			signUp{Name: "Alice", Email: "alice@example.com", Password: "correct horse 1"}},
		{"optional fields and whitespace", " {\n\"name\":\"n\",\t\"email\":\"e\",\"password\":\"p\",\"image\":\"" + img + "\",\"rememberMe\":true,\"callbackURL\":\"/cb\"}\r\n",
			signUp{Name: "n", Email: "e", Password: "p", Image: &img, RememberMe: &yes, CallbackURL: "/cb"}},
		{"null for a pointer", `{"name":"n","email":"e","password":"p","image":null}`,
			signUp{Name: "n", Email: "e", Password: "p"}},
		{"paired surrogates", `{"name":"\ud83d\ude00","email":"e","password":"p\\ud800"}`,
			signUp{Name: "😀", Email: "e", Password: `p\ud800`}},
		{"metadata map", `{"name":"n","email":"e","password":"p","metadata":{"a":[1,"x",null],"A":{"b":true}}}`,
			signUp{Name: "n", Email: "e", Password: "p", Metadata: map[string]any{"a": []any{1.0, "x", nil}, "A": map[string]any{"b": true}}}},
		{"nesting exactly 32", `{"name":"n","email":"e","password":"p","metadata":` +
			strings.Repeat(`{"a":`, 31) + "1" + strings.Repeat("}", 31) + "}", signUp{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got signUp
			if err := Decode([]byte(tt.body), &got); err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if tt.name == "nesting exactly 32" {
				return // shape checked by the absence of an error
			}
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("decoded (-got +want):\n%s", diff)
			}
		})
	}
}

func TestDecodeEmptyBodyIsEmptyObject(t *testing.T) {
	for _, body := range []string{"", " \r\n\t"} {
		var got struct {
			Token string `json:"token"`
		}
		if err := Decode([]byte(body), &got); err != nil {
			t.Errorf("Decode(%q) = %v, want nil", body, err)
		}
	}
	var req signUp
	if err := Decode(nil, &req); !errors.Is(err, ErrValidation) {
		t.Errorf("Decode(nil) into required fields = %v, want a validation error", err)
	}
}

func TestDecodeNumbers(t *testing.T) {
	type nums struct {
		N int8     `json:"n"`
		U uint     `json:"u"`
		F float32  `json:"f"`
		P *int     `json:"p"`
		L []uint16 `json:"l"`
	}
	tests := []struct {
		body, message string
	}{
		{`{"n":127,"u":0,"f":1.5,"p":null,"l":[1,65535]}`, ""},
		{`{"n":128}`, "[body.n] Invalid input: expected int, received number"},
		{`{"n":1.5}`, "[body.n] Invalid input: expected int, received number"},
		{`{"n":"1"}`, "[body.n] Invalid input: expected number, received string"},
		{`{"u":-1}`, "[body.u] Invalid input: expected int, received number"},
		{`{"f":1e39}`, "[body.f] Invalid input: expected number, received number"},
		{`{"l":[1,65536]}`, "[body.l.1] Invalid input: expected int, received number"},
	}
	for _, tt := range tests {
		var got nums
		err := Decode([]byte(tt.body), &got)
		if tt.message == "" {
			if err != nil {
				t.Errorf("Decode(%s) = %v, want nil", tt.body, err)
			}
			continue
		}
		var de *domain.Error
		if !errors.As(err, &de) || de.Message != tt.message {
			t.Errorf("Decode(%s) = %v, want message %q", tt.body, err, tt.message)
		}
	}
}

func TestDecodeNeverEchoesValues(t *testing.T) {
	secret := "hunter2-SECRET"
	bodies := []string{
		`{"name":"n","email":"e","password":["` + secret + `"]}`,
		`{"name":"n","email":"e","password":"p","rememberMe":"` + secret + `"}`,
		`{"name":"n","email":"e","password":"p","metadata":` + secret + `}`,
	}
	for _, body := range bodies {
		var got signUp
		err := Decode([]byte(body), &got)
		if err == nil {
			t.Fatalf("Decode(%s) = nil, want an error", body)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q echoes the submitted value", err)
		}
	}
}

type withValidate struct {
	Name  string `json:"name" strictjson:"required"`
	Email string `json:"email"`
	Age   int    `json:"age"`
}

func (w *withValidate) Validate() []Issue {
	var out []Issue
	if w.Age < 0 {
		out = append(out, Issue{Path: "age", Message: "Too small"})
	}
	if !strings.Contains(w.Email, "@") {
		out = append(out, Issue{Path: "email", Message: "Invalid email address"})
	}
	return out
}

// TestDecodeValidatorMerge reproduces the transcript's sign-up validation
// message: type issues and Validate issues in field order.
func TestDecodeValidatorMerge(t *testing.T) {
	var got withValidate
	err := Decode([]byte(`{"email":"not-an-email","age":-1}`), &got)
	want := "[body.name] Invalid input: expected string, received undefined; [body.email] Invalid email address; [body.age] Too small"
	var de *domain.Error
	if !errors.As(err, &de) || de.Message != want {
		t.Fatalf("Decode = %v, want message %q", err, want)
	}
	err = Decode([]byte(`{"name":"n","email":"a@b","age":"x"}`), &got)
	want = "[body.age] Invalid input: expected number, received string"
	if !errors.As(err, &de) || de.Message != want {
		t.Fatalf("Decode = %v, want message %q", err, want)
	}
}

func TestDecodeWithExtra(t *testing.T) {
	allow := func(k string) bool { return k == "phone" || k == "Name" || k == "nickname" }
	tests := []struct {
		name  string
		body  string
		extra map[string]string
		want  error
	}{
		{"extra collected", `{"name":"n","email":"e","password":"p","phone":"+1 555","nickname":{"a":[1]}}`,
			map[string]string{"phone": `"+1 555"`, "nickname": `{"a":[1]}`}, nil},
		{"no extras", `{"name":"n","email":"e","password":"p"}`, nil, nil},
		{"extra not allowed", `{"name":"n","email":"e","password":"p","role":"admin"}`, nil, ErrValidation},
		{"extra that case-folds to a field", `{"Name":"x","email":"e","password":"p"}`, nil, ErrValidation},
		{"duplicate extra", `{"name":"n","email":"e","password":"p","phone":"1","phone":"2"}`, nil, ErrInvalidJSON},
		{"extra with a type issue elsewhere", `{"name":1,"email":"e","password":"p","phone":"1"}`, nil, ErrValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dst signUp
			got, err := DecodeWithExtra([]byte(tt.body), &dst, allow)
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("error = %v, want %v", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("DecodeWithExtra: %v", err)
			}
			if dst.Name != "n" || dst.Email != "e" || dst.Password != "p" {
				t.Errorf("struct fields = %+v", dst)
			}
			gotS := map[string]string{}
			for k, v := range got {
				gotS[k] = string(v)
			}
			if len(tt.extra) == 0 {
				tt.extra = map[string]string{}
			}
			if diff := cmp.Diff(gotS, tt.extra); diff != "" {
				t.Errorf("extras (-got +want):\n%s", diff)
			}
		})
	}
}

func TestDecodeBadDestination(t *testing.T) {
	var s signUp
	for _, dst := range []any{nil, s, (*signUp)(nil)} {
		if err := Decode([]byte(`{}`), dst); domain.CodeOf(err) != domain.CodeInternal {
			t.Errorf("Decode into %T = %v, want an internal error", dst, err)
		}
	}
}

type embeddedBase struct {
	ID   string `json:"id"`
	Note string `json:"note"`
}

type embedding struct {
	embeddedBase
	Note string          `json:"note"`
	Raw  json.RawMessage `json:"raw"`
	Skip string          `json:"-"`
}

func TestDecodeEmbeddedAndRaw(t *testing.T) {
	var got embedding
	if err := Decode([]byte(`{"id":"i","note":"outer","raw":{"x":[null]}}`), &got); err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if got.ID != "i" || got.Note != "outer" || string(got.Raw) != `{"x":[null]}` {
		t.Errorf("decoded %+v", got)
	}
	if err := Decode([]byte(`{"Skip":"x"}`), &got); !errors.Is(err, ErrValidation) {
		t.Errorf(`"-" field accepted: %v`, err)
	}
}
