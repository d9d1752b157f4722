package social

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// githubProvider is the GitHub preset of the tests.
var githubProvider = Provider{ID: "github", Preset: PresetGitHub, ClientID: "Iv1.8a61f9b3a7aba766", ClientSecret: "github-secret"}

// TestGitHubPreset: the code is exchanged (GitHub answers form-encoded);
// the subject is
// GET /user's numeric id and the email GET /user/emails' primary address,
// verified only when GitHub verified that one (a verified secondary
// address does not count). GitHub's refusal of a code comes with status
// 200 and is an error.
func TestGitHubPreset(t *testing.T) {
	octocat := identity{Subject: "583231", Email: "octocat@github.com", Verified: true, Name: "The Octocat",
		Picture: "https://avatars.githubusercontent.com/u/583231?v=4"}
	unverified := octocat
	unverified.Verified = false
	tests := []struct {
		name, token, emails string
		want                identity
		ok                  bool
	}{
		{"primary verified", "token.form", "emails.json", octocat, true},
		{"primary unverified", "token.form", "emails_unverified_primary.json", unverified, true},
		{"code refused with 200", "token_error.form", "emails.json", identity{}, false},
		{"JSON token answer", "token.json", "emails.json", octocat, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorded(t, "github")
			rec.token("POST github.com/login/oauth/access_token", tt.token, nil)
			rec.json("GET api.github.com/user", "user.json")
			rec.json("GET api.github.com/user/emails", tt.emails)
			got, err := rec.signIn(rec.upstream(githubProvider))
			if (err == nil) != tt.ok {
				t.Fatalf("sign-in error %v, want ok=%v", err, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("identity (-want +got):\n%s", diff)
			}
			if f := rec.lastForm(); f.Get("client_secret") != "github-secret" || f.Get("code") != "recorded-code" {
				t.Errorf("token request %v", f)
			}
			if !tt.ok {
				return
			}
			for _, route := range []string{"GET api.github.com/user", "GET api.github.com/user/emails"} {
				h := rec.headers[route]
				if h.Get("Authorization") != "Bearer gho_16C7e42F292c6912E7710c838347Ae178B4a" || h.Get("User-Agent") == "" {
					t.Errorf("%s headers %v", route, h)
				}
			}
		})
	}
}

// TestGitHubHasNoIDTokens: an idToken sign-in with GitHub is refused
// (GitHub issues none); user info is GET /user.
func TestGitHubHasNoIDTokens(t *testing.T) {
	rec := newRecorded(t, "github")
	rec.token("POST github.com/login/oauth/access_token", "token.form", nil)
	rec.json("GET api.github.com/user", "user.json")
	up := rec.upstream(githubProvider)
	ctx := context.Background()
	if _, err := up.verifyIDToken(ctx, "eyJhbGciOiJSUzI1NiJ9.e30.sig", ""); !errors.Is(err, errNoIDTokens) {
		t.Errorf("verifyIDToken: %v", err)
	}
	tok, err := up.exchange(ctx, "recorded-code", flowRequest.Verifier)
	if err != nil {
		t.Fatal(err)
	}
	info, err := up.userInfo(ctx, tok)
	if err != nil || info["login"] != "octocat" {
		t.Errorf("user info %v, %v", info, err)
	}
}
