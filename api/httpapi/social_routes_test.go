package httpapi

import (
	"encoding/json"
	"net/http"
	"testing"
)

// documentedSocialRoutes are the social sign-in routes Better Auth serves.
var documentedSocialRoutes = map[string]bool{"POST /sign-in/social": true, "GET /callback/:id": true,
	"GET /list-accounts": true, "POST /unlink-account": true,
	"POST /link-social": true}

// TestSocialSignInRefusals: the body is checked (strict keys, provider
// required, every redirect against the trusted origins) before a provider
// is named; an unknown provider is 404 PROVIDER_NOT_FOUND; a callback
// without a started flow redirects to the error page with
// error=state_mismatch and opens no session. The full flow runs against a
// real provider in cmd/authledger.
func TestSocialSignInRefusals(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"no provider", `{"callbackURL":"/"}`, 400, "VALIDATION_ERROR"},
		{"unknown key", `{"provider":"x","idToken":"t"}`, 400, ""},
		{"foreign callbackURL", `{"provider":"x","callbackURL":"https://evil.test/"}`, 403, "INVALID_CALLBACK_URL"},
		{"foreign errorCallbackURL", `{"provider":"x","errorCallbackURL":"//evil.test"}`, 403, "INVALID_ERROR_CALLBACK_URL"},
		{"foreign newUserCallbackURL", `{"provider":"x","newUserCallbackURL":"javascript:alert(1)"}`, 403, "INVALID_NEW_USER_CALLBACK_URL"},
		{"unknown provider", `{"provider":"nope","callbackURL":"/"}`, 404, "PROVIDER_NOT_FOUND"},
	} {
		r := h.post("/sign-in/social", c.body, nil)
		if r.status != c.status || (c.code != "" && r.json(t)["code"] != c.code) {
			t.Errorf("%s: %d %s, want %d %s", c.name, r.status, r.body, c.status, c.code)
		}
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, q := range []string{"", "?state=forged&code=c", "?error=access_denied"} {
		res, err := noFollow.Get(h.http.URL + "/api/auth/callback/nope" + q)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusFound || loc != "/api/auth/error?error=state_mismatch" {
			t.Errorf("callback%s: %d to %q", q, res.StatusCode, loc)
		}
		if len(res.Header.Values("set-auth-token")) != 0 {
			t.Errorf("callback%s set a session", q)
		}
	}
	if !h.head().IsZero() {
		t.Error("refused social sign-ins wrote events")
	}
}

// TestListAccountsCredential: a password person's only account is the
// credential one, Better Auth's shape (accountId is the person's id); no
// session is 401.
func TestListAccountsCredential(t *testing.T) {
	h := newHarness(t)
	if r := h.get("/list-accounts", nil); r.status != 401 {
		t.Errorf("no session: %d %s", r.status, r.body)
	}
	c, su := h.signUp("ada@example.com", "correct horse 1", "Ada")
	uid, _ := su.json(t)["user"].(map[string]any)["id"].(string)
	r := h.get("/list-accounts", withCookie(c))
	var got []map[string]any
	if err := json.Unmarshal(r.body, &got); r.status != 200 || err != nil || len(got) != 1 {
		t.Fatalf("list-accounts: %d %s", r.status, r.body)
	}
	a := got[0]
	if a["providerId"] != "credential" || a["accountId"] != uid || a["userId"] != uid || a["id"] == "" || a["id"] == uid {
		t.Errorf("account = %v, want the credential account of %s", a, uid)
	}
	if s, ok := a["scopes"].([]any); !ok || len(s) != 0 || a["createdAt"] == "" || a["updatedAt"] == "" || len(a) != 7 {
		t.Errorf("account = %v, want exactly Better Auth's seven fields", a)
	}
}

// TestUnlinkAccountRefusals: no session is 401, a body naming no account
// 400 VALIDATION_ERROR, an account the caller does not have 400
// ACCOUNT_NOT_FOUND, their password when it is the only way in 400
// FAILED_TO_UNLINK_LAST_ACCOUNT, with nothing written.
func TestUnlinkAccountRefusals(t *testing.T) {
	h := newHarness(t)
	if r := h.post("/unlink-account", `{"accountId":"x"}`, nil); r.status != 401 {
		t.Errorf("no session: %d %s", r.status, r.body)
	}
	c, su := h.signUp("ada@example.com", "correct horse 1", "Ada")
	uid, _ := su.json(t)["user"].(map[string]any)["id"].(string)
	head := h.head()
	for _, tc := range []struct{ body, code string }{
		{`{}`, "VALIDATION_ERROR"},
		{`{"accountId":"nope"}`, "ACCOUNT_NOT_FOUND"},
		{`{"accountId":"` + uid + `"}`, "ACCOUNT_NOT_FOUND"},
		{`{"providerId":"credential","accountId":"` + uid + `"}`, "FAILED_TO_UNLINK_LAST_ACCOUNT"},
		{`{"providerId":"credential"}`, "FAILED_TO_UNLINK_LAST_ACCOUNT"},
		{`{"providerId":"op"}`, "ACCOUNT_NOT_FOUND"},
	} {
		if r := h.post("/unlink-account", tc.body, withCookie(c)); r.status != 400 || r.json(t)["code"] != tc.code {
			t.Errorf("%s: %d %s, want 400 %s", tc.body, r.status, r.body, tc.code)
		}
	}
	if h.head() != head {
		t.Error("refused unlinks wrote events")
	}
}

// TestLinkSocialRefusals: no session is 401; then the body is checked
// (strict keys, provider required, redirects against the trusted origins)
// before a provider is named; an unknown provider is 404; nothing is
// written. The full link runs against a real provider in cmd/authledger.
func TestLinkSocialRefusals(t *testing.T) {
	h := newHarness(t)
	if r := h.post("/link-social", `{"provider":"x"}`, nil); r.status != 401 {
		t.Errorf("no session: %d %s", r.status, r.body)
	}
	c, _ := h.signUp("ada@example.com", "correct horse 1", "Ada")
	head := h.head()
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"no provider", `{"callbackURL":"/"}`, 400, "VALIDATION_ERROR"},
		{"unknown key", `{"provider":"x","idToken":{"token":"t"}}`, 400, ""},
		{"foreign callbackURL", `{"provider":"x","callbackURL":"https://evil.test/"}`, 403, "INVALID_CALLBACK_URL"},
		{"foreign errorCallbackURL", `{"provider":"x","errorCallbackURL":"//evil.test"}`, 403, "INVALID_ERROR_CALLBACK_URL"},
		{"unknown provider", `{"provider":"nope","callbackURL":"/"}`, 404, "PROVIDER_NOT_FOUND"},
	} {
		r := h.post("/link-social", tc.body, withCookie(c))
		if r.status != tc.status || (tc.code != "" && r.json(t)["code"] != tc.code) {
			t.Errorf("%s: %d %s, want %d %s", tc.name, r.status, r.body, tc.status, tc.code)
		}
	}
	if h.head() != head {
		t.Error("refused link-social calls wrote events")
	}
}
