package httpapi

import (
	"testing"

	"github.com/authledger/authledger/domain/passkey"
	"github.com/google/go-cmp/cmp"
)

func TestRelyingPartyDefaults(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want passkey.RP
	}{
		{"IP base URL", Config{BaseURL: "http://127.0.0.1:8080", TrustedOrigins: []string{"http://127.0.0.1:3007"}},
			passkey.RP{ID: "localhost", Name: "authledger", Origins: []string{"http://127.0.0.1:8080", "http://localhost:8080", "http://127.0.0.1:3007"}}},
		{"host base URL", Config{BaseURL: "https://auth.example.com"},
			passkey.RP{ID: "auth.example.com", Name: "authledger", Origins: []string{"https://auth.example.com"}}},
		{"configured", Config{BaseURL: "https://auth.example.com", Passkey: PasskeyConfig{RPID: "example.com", RPName: "Example",
			Origins: []string{"https://app.example.com"}}},
			passkey.RP{ID: "example.com", Name: "Example", Origins: []string{"https://app.example.com"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := (&Server{cfg: tt.cfg}).relyingParty()
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("relying party (-got +want):\n%s", diff)
			}
			if _, err := passkey.New(got); err != nil {
				t.Errorf("passkey.New: %v", err)
			}
		})
	}
}
