package strictjson

import (
	"errors"
	"testing"

	"github.com/authledger/authledger/domain"
)

// TestDecodeIntoRefusesOnItsOwn checks the library's half by itself: even
// a body the scanner never saw gets names matched in exact case and
// unknown members refused by json/v2, with the member's path and no value
// echoed.
func TestDecodeIntoRefusesOnItsOwn(t *testing.T) {
	tests := []struct {
		name, body, message string
	}{
		{"case variant", `{"EMAIL":"attacker"}`, "[body.EMAIL] Invalid input"},
		{"unknown member", `{"name":"n","role":"admin"}`, "[body.role] Invalid input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dst signUp
			err := decodeInto([]byte(tt.body), &dst)
			var de *domain.Error
			if !errors.As(err, &de) || !errors.Is(err, ErrValidation) || de.Message != tt.message {
				t.Fatalf("decodeInto(%s) = %v, want %q", tt.body, err, tt.message)
			}
			if dst.Email != "" {
				t.Errorf("Email filled from a case variant: %q", dst.Email)
			}
		})
	}
	var nested fuzzBody
	err := decodeInto([]byte(`{"name":"n","nested":{"a":"b","A":"c"}}`), &nested)
	if de := (*domain.Error)(nil); !errors.As(err, &de) || de.Message != "[body.nested.A] Invalid input" {
		t.Errorf("nested case variant: %v", err)
	}
	var ok signUp
	if err := decodeInto([]byte(`{"name":"n","email":"e","password":"p"}`), &ok); err != nil || ok.Email != "e" {
		t.Fatalf("decodeInto(valid) = %v, %+v", err, ok)
	}
}
