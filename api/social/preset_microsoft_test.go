package social

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The tenants of the Microsoft tests: the recorded one (Contoso's), the
// personal accounts' one, another organization's.
const (
	contosoTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
	otherTenant   = "0b9e5f5c-3c1a-4d6e-9f2b-7a8c6d5e4f3a"
)

// recordedMicrosoft replays Entra ID's token endpoint and keys for the
// configured tenant (path segment) and Graph's /me.
func recordedMicrosoft(t *testing.T, tenant string, over map[string]any) *recorded {
	rec := newRecorded(t, "microsoft")
	if tenant == "" {
		tenant = "common"
	}
	rec.token("POST login.microsoftonline.com/"+tenant+"/oauth2/v2.0/token", "token.json", rec.claims("id_token.json", over))
	rec.jwks("GET login.microsoftonline.com/" + tenant + "/discovery/v2.0/keys")
	rec.json("GET graph.microsoft.com/v1.0/me", "graph_me.json")
	return rec
}

// issuedBy are the claims of a token from tenant tid with issuer iss.
func issuedBy(tid, iss string) map[string]any {
	return map[string]any{"tid": tid, "iss": "https://login.microsoftonline.com/" + iss + "/v2.0"}
}

// TestMicrosoftPreset: the issuer must be the one of the token's own
// tenant (tid), and the tenant one the configuration admits: any for
// common, the personal accounts' for consumers, any other for
// organizations, exactly the configured tenant id otherwise. The email is
// verified only when the token says so (xms_edov).
func TestMicrosoftPreset(t *testing.T) {
	megan := identity{Subject: "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ", Email: "MeganB@contoso.com", Verified: true,
		Name: "Megan Bowen"}
	unverified := megan
	unverified.Verified = false
	tests := []struct {
		name, tenant string
		over         map[string]any
		want         identity
		ok           bool
	}{
		{"common, recorded", "", nil, megan, true},
		{"common, another tenant's token", "common", issuedBy(otherTenant, otherTenant), megan, true},
		{"common, issuer not the token's tenant", "common", issuedBy(contosoTenant, otherTenant), identity{}, false},
		{"common, no tid", "", map[string]any{"tid": nil}, identity{}, false},
		{"common, tid not a tenant id", "", issuedBy("common", "common"), identity{}, false},
		{"common, tenant-independent issuer", "", map[string]any{"iss": "https://login.microsoftonline.com/{tenantid}/v2.0"},
			identity{}, false},
		{"tenant id, its token", contosoTenant, nil, megan, true},
		{"tenant id, another tenant's token", contosoTenant, issuedBy(otherTenant, otherTenant), identity{}, false},
		{"consumers, personal account", "consumers", issuedBy(microsoftConsumer, microsoftConsumer), megan, true},
		{"consumers, organization account", "consumers", nil, identity{}, false},
		{"organizations, organization account", "organizations", nil, megan, true},
		{"organizations, personal account", "organizations", issuedBy(microsoftConsumer, microsoftConsumer), identity{}, false},
		{"email domain not verified", "", map[string]any{"xms_edov": nil}, unverified, true},
		{"email_verified claim", "", map[string]any{"xms_edov": nil, "email_verified": true}, megan, true},
		{"other audience", "", map[string]any{"aud": "00000000-0000-0000-0000-000000000000"}, identity{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := recordedMicrosoft(t, tt.tenant, tt.over)
			up := rec.upstream(Provider{ID: "microsoft", Preset: PresetMicrosoft, Tenant: tt.tenant,
				ClientID: "6cb04018-a3f5-46a7-b995-940c78f5aef3", ClientSecret: "entra-secret"})
			got, err := rec.signIn(up)
			if (err == nil) != tt.ok {
				t.Fatalf("sign-in error %v, want ok=%v", err, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("identity (-want +got):\n%s", diff)
			}
			if f := rec.lastForm(); f.Get("client_secret") != "entra-secret" || f.Get("code_verifier") != flowRequest.Verifier {
				t.Errorf("token request %v", f)
			}
		})
	}
}

// TestMicrosoftGraphUserInfo: user info is Microsoft Graph's /me with the
// access token.
func TestMicrosoftGraphUserInfo(t *testing.T) {
	rec := recordedMicrosoft(t, "", nil)
	up := rec.upstream(Provider{ID: "microsoft", Preset: PresetMicrosoft, ClientID: "6cb04018-a3f5-46a7-b995-940c78f5aef3"})
	ctx := context.Background()
	tok, err := up.exchange(ctx, "recorded-code", flowRequest.Verifier)
	if err != nil {
		t.Fatal(err)
	}
	info, err := up.userInfo(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if info["id"] != "48d31887-5fad-4d73-a9f5-3c356e68a038" || info["userPrincipalName"] != "MeganB@contoso.com" {
		t.Errorf("Graph /me %v", info)
	}
	if h := rec.headers["GET graph.microsoft.com/v1.0/me"]; h.Get("Authorization") != "Bearer "+tok.AccessToken {
		t.Errorf("Graph authorization %q", h.Get("Authorization"))
	}
}
