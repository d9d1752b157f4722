package social

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// googleProvider is the Google preset of the tests.
var googleProvider = Provider{ID: "google", Preset: PresetGoogle, ClientID: "1234987819200.apps.googleusercontent.com",
	ClientSecret: "google-secret"}

// recordedGoogle replays Google's token endpoint (an ID token with
// claims over the recorded ones), keys and user info.
func recordedGoogle(t *testing.T, over map[string]any) *recorded {
	rec := newRecorded(t, "google")
	rec.token("POST oauth2.googleapis.com/token", "token.json", rec.claims("id_token.json", over))
	rec.jwks("GET www.googleapis.com/oauth2/v3/certs")
	rec.json("GET openidconnect.googleapis.com/v1/userinfo", "userinfo.json")
	return rec
}

// TestGooglePreset: the code is exchanged at Google's token endpoint with
// the secret in the form and the PKCE verifier; the ID token is verified
// with Google's keys, whose issuer Google writes with or without scheme;
// another issuer, audience or nonce is refused.
func TestGooglePreset(t *testing.T) {
	jane := identity{Subject: "10769150350006150715113082367", Email: "jsmith@example.com", Verified: true,
		Name: "Jane Smith", Picture: "https://lh3.googleusercontent.com/a/ACg8ocRecorded=s96-c"}
	tests := []struct {
		name string
		over map[string]any
		want identity
		ok   bool
	}{
		{"recorded", nil, jane, true},
		{"issuer without scheme", map[string]any{"iss": "accounts.google.com"}, jane, true},
		{"unverified email", map[string]any{"email_verified": false},
			identity{Subject: jane.Subject, Email: jane.Email, Name: jane.Name, Picture: jane.Picture}, true},
		{"other issuer", map[string]any{"iss": "https://accounts.example.com"}, identity{}, false},
		{"other audience", map[string]any{"aud": "someone-else.apps.googleusercontent.com"}, identity{}, false},
		{"other nonce", map[string]any{"nonce": "nonce-2"}, identity{}, false},
		{"no nonce", map[string]any{"nonce": nil}, identity{}, false},
		{"expired", map[string]any{"exp": presetClock.Add(-1).Unix()}, identity{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := recordedGoogle(t, tt.over)
			got, err := rec.signIn(rec.upstream(googleProvider))
			if (err == nil) != tt.ok {
				t.Fatalf("sign-in error %v, want ok=%v", err, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("identity (-want +got):\n%s", diff)
			}
			form := rec.lastForm()
			if form.Get("grant_type") != "authorization_code" || form.Get("code") != "recorded-code" ||
				form.Get("code_verifier") != flowRequest.Verifier || form.Get("client_secret") != "google-secret" ||
				form.Get("redirect_uri") != "https://auth.example.com/api/auth/callback/google" {
				t.Errorf("token request %v", form)
			}
		})
	}
}

// TestGoogleUserInfoAndRefresh: user info is Google's OpenID Connect user
// info endpoint with the access token; a refresh is the refresh_token
// grant at the token endpoint.
func TestGoogleUserInfoAndRefresh(t *testing.T) {
	rec := recordedGoogle(t, nil)
	up := rec.upstream(googleProvider)
	ctx := context.Background()
	tok, err := up.exchange(ctx, "recorded-code", flowRequest.Verifier)
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken != "1//0gRecorded-refresh-token" {
		t.Errorf("refresh token %q", tok.RefreshToken)
	}
	info, err := up.userInfo(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if info["sub"] != "10769150350006150715113082367" || info["hd"] != "example.com" {
		t.Errorf("user info %v", info)
	}
	if h := rec.headers["GET openidconnect.googleapis.com/v1/userinfo"]; h.Get("Authorization") != "Bearer "+tok.AccessToken {
		t.Errorf("user info authorization %q", h.Get("Authorization"))
	}
	rec.token("POST oauth2.googleapis.com/token", "refresh.json", nil)
	fresh, err := up.refresh(ctx, tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	form := rec.lastForm()
	if fresh.AccessToken != "ya29.a0AfB_byC-recorded-refreshed-token" || form.Get("grant_type") != "refresh_token" ||
		form.Get("refresh_token") != tok.RefreshToken {
		t.Errorf("refresh: %v, form %v", fresh.AccessToken, form)
	}
	if _, err := up.verifyIDToken(ctx, rec.idToken(rec.claims("id_token.json", nil)), ""); err != nil {
		t.Errorf("idToken sign-in: %v", err)
	}
}
