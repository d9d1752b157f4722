package maillink

import (
	"bytes"
	"regexp"
	"testing"
)

func TestSecretsAreStableAndPurposeBound(t *testing.T) {
	s := NewSecrets(bytes.Repeat([]byte{1}, 32))
	other := NewSecrets(bytes.Repeat([]byte{2}, 32))
	id, tok, err := s.New(bytes.NewReader(bytes.Repeat([]byte{9}, 64)), PurposeReset)
	if err != nil || len(id) != 32 {
		t.Fatalf("New = %q, %v", id, err)
	}
	tests := []struct {
		name string
		got  string
		same bool
	}{
		{"same purpose and id", s.Token(PurposeReset, id), true},
		{"other purpose", s.Token(PurposeVerify, id), false},
		{"other id", s.Token(PurposeReset, id+"x"), false},
		{"other server secret", other.Token(PurposeReset, id), false},
	}
	for _, tt := range tests {
		if (tt.got == tok) != tt.same {
			t.Errorf("%s: token %q vs %q, want same=%v", tt.name, tt.got, tok, tt.same)
		}
	}
	if len(tok) != 32 {
		t.Errorf("token %q: want 32 characters", tok)
	}
	if c := s.Code(PurposeOTP, id); !regexp.MustCompile(`^\d{6}$`).MatchString(c) || c != s.Code(PurposeOTP, id) {
		t.Errorf("Code = %q, want 6 stable digits", c)
	}
}
