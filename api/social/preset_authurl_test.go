package social

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// updateGolden rewrites the golden files of the preset tests.
var updateGolden = flag.Bool("update", false, "rewrite testdata/presets/*.golden")

// TestPresetAuthorizationURLs: each preset sends the browser to its
// documented authorization endpoint with its scopes, PKCE S256 (Apple
// documents none), the nonce (OpenID Connect presets), and its own
// parameters (Apple's form_post, Google's offline access when asked).
// The URLs are kept in testdata/presets/authorize.golden.
func TestPresetAuthorizationURLs(t *testing.T) {
	providers := []Provider{
		{ID: "google", Preset: PresetGoogle, ClientID: "1234987819200.apps.googleusercontent.com"},
		{ID: "google-offline", Preset: PresetGoogle, ClientID: "1234987819200.apps.googleusercontent.com", Offline: true},
		{ID: "microsoft", Preset: PresetMicrosoft, ClientID: "6cb04018-a3f5-46a7-b995-940c78f5aef3"},
		{ID: "entra", Preset: PresetMicrosoft, ClientID: "6cb04018-a3f5-46a7-b995-940c78f5aef3",
			Tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47"},
		{ID: "apple", Preset: PresetApple, ClientID: "com.example.web", TeamID: "TEAM123456", KeyID: "KEY1234567",
			PrivateKey: applePEM(t)},
		{ID: "github", Preset: PresetGitHub, ClientID: "Iv1.8a61f9b3a7aba766"},
		{ID: "gitlab", Preset: PresetGitLab, ClientID: "gitlab-app-id"},
		{ID: "gitlab-corp", Preset: PresetGitLab, ClientID: "gitlab-app-id", Issuer: "https://gitlab.corp.example/"},
		{ID: "discord", Preset: PresetDiscord, ClientID: "1049123456789012345", Scopes: []string{"guilds"}},
	}
	rec := newRecorded(t, "")
	var lines []string
	for _, p := range providers {
		u := rec.upstream(p).authURL(flowRequest)
		lines = append(lines, p.ID+" "+u)
	}
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "presets", "authorize.golden")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("authorization URLs differ from %s (run with -update to accept):\n%s", golden, got)
	}
}
