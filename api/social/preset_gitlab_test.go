package social

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGitLabPreset: gitlab.com, or a self-hosted instance named by its
// base URL: the endpoints are the instance's documented OAuth paths and
// the ID token's issuer must be the instance.
func TestGitLabPreset(t *testing.T) {
	jane := identity{Subject: "1234567", Email: "jane@example.com", Verified: true, Name: "Jane Doe",
		Picture: "https://gitlab.com/uploads/-/system/user/avatar/1234567/avatar.png"}
	tests := []struct {
		name, issuer, host string
		over               map[string]any
		want               identity
		ok                 bool
	}{
		{"gitlab.com", "", "gitlab.com", nil, jane, true},
		{"self-hosted", "https://gitlab.corp.example/", "gitlab.corp.example",
			map[string]any{"iss": "https://gitlab.corp.example"}, jane, true},
		{"self-hosted, gitlab.com's token", "https://gitlab.corp.example", "gitlab.corp.example", nil, identity{}, false},
		{"unverified email", "", "gitlab.com", map[string]any{"email_verified": false},
			identity{Subject: jane.Subject, Email: jane.Email, Name: jane.Name, Picture: jane.Picture}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorded(t, "gitlab")
			rec.token("POST "+tt.host+"/oauth/token", "token.json", rec.claims("id_token.json", tt.over))
			rec.jwks("GET " + tt.host + "/oauth/discovery/keys")
			rec.json("GET "+tt.host+"/oauth/userinfo", "userinfo.json")
			up := rec.upstream(Provider{ID: "gitlab", Preset: PresetGitLab, Issuer: tt.issuer,
				ClientID: "2f4b1e3c6a8d0f2e4c6a8b0d2f4e6a8c0b2d4f6e8a0c2e4b6d8f0a2c4e6b8d0f", ClientSecret: "gitlab-secret"})
			got, err := rec.signIn(up)
			if (err == nil) != tt.ok {
				t.Fatalf("sign-in error %v, want ok=%v", err, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("identity (-want +got):\n%s", diff)
			}
			if !tt.ok {
				return
			}
			ctx := context.Background()
			tok, _ := up.exchange(ctx, "recorded-code", flowRequest.Verifier)
			if info, err := up.userInfo(ctx, tok); err != nil || info["nickname"] != "jdoe" {
				t.Errorf("user info %v, %v", info, err)
			}
		})
	}
}
