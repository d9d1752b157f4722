package social

import (
	"strings"
	"testing"
)

// TestCheckPreset: each preset takes the fields it needs and refuses the
// others' (an issuer only for oidc and a self-hosted GitLab, a tenant only
// for Microsoft, Apple's signing fields only for Apple).
func TestCheckPreset(t *testing.T) {
	key := applePEM(t)
	tests := []struct {
		name string
		p    Provider
		want string // "" accepted, else a part of the error
	}{
		{"generic", Provider{Issuer: "https://id.example.com"}, ""},
		{"generic without issuer", Provider{Preset: PresetOIDC}, "needs an issuer"},
		{"unknown preset", Provider{Preset: "facebook"}, "unknown preset"},
		{"google", Provider{Preset: PresetGoogle, Offline: true}, ""},
		{"google with an issuer", Provider{Preset: PresetGoogle, Issuer: "https://evil.example"}, "issuer is fixed"},
		{"offline elsewhere", Provider{Preset: PresetGitHub, Offline: true}, "offline is for the google preset"},
		{"microsoft, tenant id", Provider{Preset: PresetMicrosoft, Tenant: contosoTenant}, ""},
		{"microsoft, tenant id in capitals", Provider{Preset: PresetMicrosoft, Tenant: strings.ToUpper(contosoTenant)}, ""},
		{"microsoft, organizations", Provider{Preset: PresetMicrosoft, Tenant: "organizations"}, ""},
		{"microsoft, odd tenant", Provider{Preset: PresetMicrosoft, Tenant: "contoso/../x"}, "tenant"},
		{"tenant elsewhere", Provider{Preset: PresetGoogle, Tenant: "common"}, "tenant"},
		{"gitlab self-hosted", Provider{Preset: PresetGitLab, Issuer: "https://gitlab.corp.example"}, ""},
		{"apple", Provider{Preset: PresetApple, TeamID: "T", KeyID: "K", PrivateKey: key}, ""},
		{"apple without ids", Provider{Preset: PresetApple, PrivateKey: key}, "team id and a key id"},
		{"apple, key not read yet", Provider{Preset: PresetApple, TeamID: "T", KeyID: "K"}, ""},
		{"apple, not a key", Provider{Preset: PresetApple, TeamID: "T", KeyID: "K", PrivateKey: "k"}, "private key"},
		{"apple fields elsewhere", Provider{Preset: PresetDiscord, TeamID: "T"}, "for the apple preset"},
	}
	for _, tt := range tests {
		err := CheckPreset(tt.p)
		if (tt.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}
