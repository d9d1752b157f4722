package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/social"
	"github.com/google/go-cmp/cmp"
)

// TestOIDCProviderSettings: --oidc-providers entries become providers;
// the client secrets come from the named environment variables, and an
// empty one is a usage error naming the variable, never a value.
func TestOIDCProviderSettings(t *testing.T) {
	s, err := parseServeSettings(serveFlags(t, "--oidc-providers",
		"id=corp, issuer=https://id.example.com, client-id=authledger, client-secret-env=CORP_SECRET, scopes=openid email profile, trusted=true;"+
			"id=lab,issuer=http://127.0.0.1:4444/,client-id=lab-client,client-secret-env=LAB_SECRET"))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"CORP_SECRET": "corp-s3cret", "LAB_SECRET": "lab-s3cret"}
	if err := s.readSecrets(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	want := []social.Provider{
		{ID: "corp", Issuer: "https://id.example.com", ClientID: "authledger", ClientSecret: "corp-s3cret",
			Scopes: []string{"openid", "email", "profile"}, Trusted: true, Preset: "oidc"},
		{ID: "lab", Issuer: "http://127.0.0.1:4444/", ClientID: "lab-client", ClientSecret: "lab-s3cret", Preset: "oidc"},
	}
	if diff := cmp.Diff(want, s.socialProviders()); diff != "" {
		t.Errorf("providers (-want +got):\n%s", diff)
	}
	err = s.readSecrets(func(string) string { return "" })
	if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "CORP_SECRET") || !strings.Contains(err.Error(), "LAB_SECRET") {
		t.Errorf("empty secrets: %v", err)
	}
}
