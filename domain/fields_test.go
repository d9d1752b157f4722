package domain_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authledger/authledger/domain"
)

func TestFieldSchemaValidate(t *testing.T) {
	tests := []struct {
		name   string
		schema domain.FieldSchema
		ok     bool
	}{
		{"empty", nil, true},
		{"role only", domain.FieldSchema{domain.RoleField()}, true},
		{"all types with defaults", domain.FieldSchema{
			{Name: "nickname", Type: domain.FieldString, Default: "kit", Input: true},
			{Name: "age", Type: domain.FieldNumber, Default: 18, Input: true},
			{Name: "score", Type: domain.FieldNumber, Default: 1.5},
			{Name: "newsletter", Type: domain.FieldBoolean, Default: false, Input: true},
			{Name: "joined", Type: domain.FieldDate, Default: "2024-01-02T03:04:05Z"},
			{Name: "renewal", Type: domain.FieldDate, Default: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)},
			{Name: "_private2", Type: domain.FieldString},
		}, true},
		{"required input without default", domain.FieldSchema{{Name: "nickname", Type: domain.FieldString, Required: true, Input: true}}, true},
		{"duplicate name", domain.FieldSchema{{Name: "nick", Type: domain.FieldString}, {Name: "nick", Type: domain.FieldNumber}}, false},
		{"duplicate name other case", domain.FieldSchema{{Name: "nick", Type: domain.FieldString}, {Name: "Nick", Type: domain.FieldString}}, false},
		{"empty name", domain.FieldSchema{{Name: "", Type: domain.FieldString}}, false},
		{"leading digit", domain.FieldSchema{{Name: "1st", Type: domain.FieldString}}, false},
		{"hyphen", domain.FieldSchema{{Name: "first-name", Type: domain.FieldString}}, false},
		{"space", domain.FieldSchema{{Name: "first name", Type: domain.FieldString}}, false},
		{"dotted", domain.FieldSchema{{Name: "body.role", Type: domain.FieldString}}, false},
		{"too long", domain.FieldSchema{{Name: strings.Repeat("a", 65), Type: domain.FieldString}}, false},
		{"core key email", domain.FieldSchema{{Name: "email", Type: domain.FieldString}}, false},
		{"core key emailVerified other case", domain.FieldSchema{{Name: "EMAILVERIFIED", Type: domain.FieldBoolean}}, false},
		{"core key password", domain.FieldSchema{{Name: "password", Type: domain.FieldString}}, false},
		{"core key twoFactorEnabled", domain.FieldSchema{{Name: "twoFactorEnabled", Type: domain.FieldBoolean}}, false},
		{"unknown type", domain.FieldSchema{{Name: "tags", Type: "array"}}, false},
		{"string default for number", domain.FieldSchema{{Name: "age", Type: domain.FieldNumber, Default: "18"}}, false},
		{"number default for boolean", domain.FieldSchema{{Name: "on", Type: domain.FieldBoolean, Default: 1}}, false},
		{"bad date default", domain.FieldSchema{{Name: "joined", Type: domain.FieldDate, Default: "yesterday"}}, false},
		{"required, not input, no default", domain.FieldSchema{{Name: "plan", Type: domain.FieldString, Required: true}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.schema.Validate()
			if got := err == nil; got != tt.ok {
				t.Fatalf("Validate() = %v, want ok %v", err, tt.ok)
			}
			if err != nil && domain.CodeOf(err) != domain.CodeValidation {
				t.Errorf("code = %s, want %s", domain.CodeOf(err), domain.CodeValidation)
			}
		})
	}
}

// testSchema has every field kind: server-only with default, required
// input, optional input with and without defaults, a date.
func testSchema() domain.FieldSchema {
	return domain.FieldSchema{
		domain.RoleField(),
		{Name: "plan", Type: domain.FieldString, Default: "free"},
		{Name: "nickname", Type: domain.FieldString, Required: true, Input: true},
		{Name: "age", Type: domain.FieldNumber, Input: true},
		{Name: "newsletter", Type: domain.FieldBoolean, Default: false, Input: true},
		{Name: "birthday", Type: domain.FieldDate, Input: true},
	}
}

type fieldCase struct {
	name     string
	in       map[string]any
	want     map[string]any
	wantCode domain.Code
	wantMsg  string
}

func TestFieldSchemaForCreate(t *testing.T) {
	defaults := map[string]any{"role": "user", "plan": "free", "newsletter": false, "nickname": "K"}
	tests := []fieldCase{
		{name: "all inputs", in: map[string]any{
			"nickname": "K", "age": 31.0, "newsletter": true, "birthday": "1990-05-01T10:00:00.5+02:00",
		}, want: map[string]any{
			"role": "user", "plan": "free", "nickname": "K", "age": 31.0, "newsletter": true,
			"birthday": "1990-05-01T08:00:00.500Z",
		}},
		{name: "defaults applied", in: map[string]any{"nickname": "K"}, want: defaults},
		{name: "null optional is absent", in: map[string]any{"nickname": "K", "age": nil, "newsletter": nil}, want: defaults},
		{name: "json.Number", in: map[string]any{"nickname": "K", "age": json.Number("42")}, want: map[string]any{
			"role": "user", "plan": "free", "newsletter": false, "nickname": "K", "age": 42.0,
		}},
		{name: "role is never settable", in: map[string]any{"nickname": "K", "role": "admin"},
			wantCode: domain.CodeFieldNotAllowed, wantMsg: "[body.role]"},
		{name: "server-only field", in: map[string]any{"nickname": "K", "plan": "pro"},
			wantCode: domain.CodeFieldNotAllowed, wantMsg: "[body.plan]"},
		{name: "core key smuggled", in: map[string]any{"nickname": "K", "emailVerified": true},
			wantCode: domain.CodeFieldNotAllowed, wantMsg: "[body.emailVerified]"},
		{name: "unknown key", in: map[string]any{"nickname": "K", "userId": "x"},
			wantCode: domain.CodeFieldNotAllowed, wantMsg: "[body.userId]"},
		{name: "case variant is unknown", in: map[string]any{"nickname": "K", "Age": 3.0},
			wantCode: domain.CodeFieldNotAllowed, wantMsg: "[body.Age]"},
		{name: "number as string", in: map[string]any{"nickname": "K", "age": "31"},
			wantCode: domain.CodeValidation, wantMsg: "[body.age] expected number, received string"},
		{name: "boolean as string", in: map[string]any{"nickname": "K", "newsletter": "true"},
			wantCode: domain.CodeValidation, wantMsg: "[body.newsletter] expected boolean, received string"},
		{name: "string as array", in: map[string]any{"nickname": []any{"K"}},
			wantCode: domain.CodeValidation, wantMsg: "[body.nickname] expected string, received array"},
		{name: "number as object", in: map[string]any{"nickname": "K", "age": map[string]any{"$gt": ""}},
			wantCode: domain.CodeValidation, wantMsg: "[body.age] expected number, received object"},
		{name: "date not RFC 3339", in: map[string]any{"nickname": "K", "birthday": "05/01/1990"},
			wantCode: domain.CodeValidation, wantMsg: "[body.birthday] expected date"},
		{name: "date as number", in: map[string]any{"nickname": "K", "birthday": 1e12},
			wantCode: domain.CodeValidation, wantMsg: "[body.birthday] expected date, received number"},
		{name: "required missing", in: map[string]any{},
			wantCode: domain.CodeValidation, wantMsg: "[body.nickname] expected string, received undefined"},
		{name: "required null", in: map[string]any{"nickname": nil},
			wantCode: domain.CodeValidation, wantMsg: "[body.nickname] expected string, received undefined"},
	}
	runFieldCases(t, testSchema().ForCreate, tests)
}

func TestFieldSchemaForUpdate(t *testing.T) {
	tests := []fieldCase{
		{name: "empty", in: map[string]any{}, want: map[string]any{}},
		{name: "no defaults", in: map[string]any{"age": 40.0}, want: map[string]any{"age": 40.0}},
		{name: "null clears optional", in: map[string]any{"age": nil}, want: map[string]any{"age": nil}},
		{name: "date normalized", in: map[string]any{"birthday": "2000-01-01T00:00:00Z"},
			want: map[string]any{"birthday": "2000-01-01T00:00:00.000Z"}},
		{name: "null on required", in: map[string]any{"nickname": nil},
			wantCode: domain.CodeValidation, wantMsg: "[body.nickname] expected string, received null"},
		{name: "role", in: map[string]any{"role": "admin"},
			wantCode: domain.CodeFieldNotAllowed, wantMsg: "[body.role]"},
		{name: "wrong type", in: map[string]any{"age": true},
			wantCode: domain.CodeValidation, wantMsg: "[body.age] expected number, received boolean"},
	}
	runFieldCases(t, testSchema().ForUpdate, tests)
}

func runFieldCases(t *testing.T, fn func(map[string]any) (map[string]any, error), tests []fieldCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := fn(tt.in)
			if tt.wantCode != "" {
				if !errors.Is(err, domain.Errorf(tt.wantCode, "")) || !strings.Contains(err.Error(), tt.wantMsg) {
					t.Fatalf("error = %v, want code %s containing %q", err, tt.wantCode, tt.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatalf("error = %v", err)
			}
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("result mismatch (-got +want):\n%s", diff)
			}
		})
	}
}

func TestRoleField(t *testing.T) {
	got := domain.RoleField()
	want := domain.FieldSpec{Name: "role", Type: domain.FieldString, Default: "user", Input: false}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("RoleField mismatch (-got +want):\n%s", diff)
	}
}

func ExampleFieldSchema_ForCreate() {
	schema := domain.FieldSchema{domain.RoleField(), {Name: "age", Type: domain.FieldNumber, Input: true}}
	stored, err := schema.ForCreate(map[string]any{"age": 31.0})
	fmt.Println(stored, err)
	_, err = schema.ForCreate(map[string]any{"role": "admin"})
	fmt.Println(domain.CodeOf(err))
	// Output:
	// map[age:31 role:user] <nil>
	// FIELD_NOT_ALLOWED
}
