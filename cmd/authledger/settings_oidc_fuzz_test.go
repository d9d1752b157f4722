package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/social"
)

// FuzzOIDCProviders: any --oidc-providers value parses without panicking;
// an accepted entry is a valid provider (see checkAccepted) and carries no
// secret (those come from the environment only).
func FuzzOIDCProviders(f *testing.F) {
	f.Add("id=corp,issuer=https://id.example.com,client-id=c,client-secret-env=S,scopes=openid email,trusted=true")
	f.Add("id=a,issuer=http://127.0.0.1:4444/,client-id=c,client-secret-env=S;id=b,issuer=https://x,client-id=d,client-secret-env=T")
	f.Add("id=,issuer=;;,=,trusted=maybe")
	f.Add("id=g,preset=google,client-id=c,client-secret-env=G,offline=true")
	f.Add("id=ms,preset=microsoft,tenant=organizations,client-id=c,client-secret-env=M")
	f.Add("id=ap,preset=apple,client-id=com.example.web,team-id=T,key-id=K,private-key-env=APPLE_KEY")
	f.Add("id=gl,preset=gitlab,issuer=https://gitlab.example.com,client-id=c,client-secret-env=G;id=d,preset=discord,client-id=c,client-secret-env=D")
	f.Add("id=x,preset=apple,client-id=c,client-secret-env=S,tenant=common,issuer=https://x")
	f.Fuzz(func(t *testing.T, v string) {
		p := &settingsParser{cfg: config{"oidc-providers": v}}
		for _, o := range p.oidcProviders() {
			checkAccepted(t, o, v)
		}
	})
}

// FuzzProvidersFile: any --providers-file content parses without
// panicking; an accepted provider is valid and carries no secret.
func FuzzProvidersFile(f *testing.F) {
	f.Add(`{"providers":[{"id":"g","preset":"google","client-id":"c","client-secret-env":"G","trusted":true}]}`)
	f.Add(`{"providers":[{"id":"a","preset":"apple","client-id":"c","team-id":"T","key-id":"K","private-key-env":"P"}]}`)
	f.Add(`{"providers":[{"id":"corp","issuer":"https://id.example.com","client-id":"c","client-secret-env":"S","scopes":["openid"]}]}`)
	f.Add(`{"providers":[{"id":"x","client-secret":"s"}]} trailing`)
	f.Add(`{"providers":null}`)
	f.Fuzz(func(t *testing.T, data string) {
		entries, err := parseProvidersFile([]byte(data))
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.err == nil {
				checkAccepted(t, e.provider, data)
			}
		}
	})
}

// checkAccepted fails unless o is a provider serve may run with: a
// path-safe id, a known preset whose fields check, a client id, the
// variable of its secret (Apple's key, else the client secret), an
// http(s) issuer when it has one (the generic preset must), and no secret.
func checkAccepted(t *testing.T, o oidcProvider, from string) {
	t.Helper()
	apple := o.Preset == social.PresetApple
	ok := providerID.MatchString(o.ID) && slices.Contains(social.Presets, o.Preset) && social.CheckPreset(o.Provider) == nil &&
		o.ClientID != "" && o.ClientSecret == "" && o.PrivateKey == "" &&
		(apple && o.KeyEnv != "" && o.SecretEnv == "" || !apple && o.SecretEnv != "" && o.KeyEnv == "") &&
		(o.Issuer == "" && o.Preset != social.PresetOIDC ||
			strings.HasPrefix(o.Issuer, "http://") || strings.HasPrefix(o.Issuer, "https://"))
	if !ok {
		t.Fatalf("accepted %+v from %q", o, from)
	}
}
