package passkeys_test

import (
	"testing"

	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/google/go-cmp/cmp"
)

func TestConfigResolve(t *testing.T) {
	tests := []struct {
		name    string
		cfg     passkeys.Config
		base    string
		trusted []string
		want    passkey.RP
	}{
		{"IP base URL", passkeys.Config{}, "http://127.0.0.1:8080", []string{"http://127.0.0.1:3007"},
			passkey.RP{ID: "localhost", Name: "authledger", Origins: []string{"http://127.0.0.1:8080", "http://localhost:8080", "http://127.0.0.1:3007"}}},
		{"host base URL", passkeys.Config{}, "https://auth.example.com", nil,
			passkey.RP{ID: "auth.example.com", Name: "authledger", Origins: []string{"https://auth.example.com"}}},
		{"configured", passkeys.Config{RPID: "example.com", RPName: "Example", Origins: []string{"https://app.example.com"}},
			"https://auth.example.com", []string{"https://other.example.com"},
			passkey.RP{ID: "example.com", Name: "Example", Origins: []string{"https://app.example.com"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg.Resolve(tt.base, tt.trusted)
			if diff := cmp.Diff(cfg.RP(), tt.want); diff != "" {
				t.Errorf("relying party (-got +want):\n%s", diff)
			}
			if _, err := passkey.New(cfg.RP()); err != nil {
				t.Errorf("passkey.New: %v", err)
			}
		})
	}
}
