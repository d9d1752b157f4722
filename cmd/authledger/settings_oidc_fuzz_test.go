package main

import (
	"strings"
	"testing"
)

// FuzzOIDCProviders: any --oidc-providers value parses without panicking;
// an accepted entry has a path-safe id, an http(s) issuer, a client id and
// a secret variable, and no client secret (those come from the
// environment only).
func FuzzOIDCProviders(f *testing.F) {
	f.Add("id=corp,issuer=https://id.example.com,client-id=c,client-secret-env=S,scopes=openid email,trusted=true")
	f.Add("id=a,issuer=http://127.0.0.1:4444/,client-id=c,client-secret-env=S;id=b,issuer=https://x,client-id=d,client-secret-env=T")
	f.Add("id=,issuer=;;,=,trusted=maybe")
	f.Fuzz(func(t *testing.T, v string) {
		p := &settingsParser{cfg: config{"oidc-providers": v}}
		for _, o := range p.oidcProviders() {
			if !providerID.MatchString(o.ID) || o.ClientID == "" || o.SecretEnv == "" || o.ClientSecret != "" ||
				!(strings.HasPrefix(o.Issuer, "http://") || strings.HasPrefix(o.Issuer, "https://")) {
				t.Fatalf("accepted %+v from %q", o, v)
			}
		}
	})
}
