package httpapi

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/httpapi/passkeyhttp"
	"github.com/authledger/authledger/domain/authenticator"
)

// TestPasskeyRegisterAndSignIn: a passkey registered with
// a session signs in later without an email (discoverable), opening a
// session with cookies like a password sign-in; the options have Better
// Auth's shape and a fresh ≥ 32-byte challenge.
func TestPasskeyRegisterAndSignIn(t *testing.T) {
	h := newHarness(t, withPasskeyRP)
	session, r := h.signUp("alice@example.com", tfPassword, "Alice A.")
	personID := userID(t, r)

	opt := h.get("/passkey/generate-register-options", withCookie(session))
	if opt.status != 200 || !strings.Contains(cookieLine(opt, "better-auth.better-auth-passkey"), "Max-Age=300; Path=/; HttpOnly; SameSite=Lax") {
		t.Fatalf("register options: %d %s %v", opt.status, opt.body, opt.cookies)
	}
	var o struct {
		Challenge string `json:"challenge"`
		RP        struct{ Name, ID string }
		User      struct{ ID, Name, DisplayName string }
		Params    []struct {
			Alg int `json:"alg"`
		} `json:"pubKeyCredParams"`
		Timeout     int    `json:"timeout"`
		Attestation string `json:"attestation"`
		Selection   struct {
			ResidentKey      string `json:"residentKey"`
			UserVerification string `json:"userVerification"`
		} `json:"authenticatorSelection"`
		Exclude []any `json:"excludeCredentials"`
	}
	if err := json.Unmarshal(opt.body, &o); err != nil {
		t.Fatal(err)
	}
	uid, _ := base64.RawURLEncoding.DecodeString(o.User.ID)
	raw, _ := base64.RawURLEncoding.DecodeString(o.Challenge)
	if o.RP.ID != "localhost" || o.RP.Name != "authledger" || string(uid) != personID || o.User.Name != "alice@example.com" ||
		len(o.Params) != 3 || o.Params[0].Alg != -8 || o.Params[1].Alg != -7 || o.Params[2].Alg != -257 || o.Timeout != 60000 ||
		o.Attestation != "none" || o.Selection.ResidentKey != "preferred" || o.Exclude == nil || len(raw) < 32 {
		t.Errorf("register options = %s", opt.body)
	}
	if !strings.HasPrefix(string(opt.body), `{"challenge":`) {
		t.Errorf("options do not start with the challenge as Better Auth's do: %s", opt.body)
	}

	ao, ch := h.registerOptions(session)
	d, att := attest(goodRP, personID, ao)
	reg := h.verifyRegistration(session, ch, att, "laptop")
	if reg.status != 200 {
		t.Fatalf("verify-registration: %d %s", reg.status, reg.body)
	}
	var pk passkeyhttp.PasskeyJSON
	if err := json.Unmarshal(reg.body, &pk); err != nil || pk.UserID != personID || pk.Name == nil || *pk.Name != "laptop" ||
		pk.CredentialID != base64.RawURLEncoding.EncodeToString(d.cred.ID) {
		t.Fatalf("passkey = %s, %v", reg.body, err)
	}
	d.auth.AddCredential(d.cred)

	list := h.get("/passkey/list-user-passkeys", withCookie(session))
	if list.status != 200 || !strings.Contains(string(list.body), `"id":"`+pk.ID+`"`) {
		t.Fatalf("list: %d %s", list.status, list.body)
	}
	// The next registration options exclude the registered credential.
	if again := h.get("/passkey/generate-register-options", withCookie(session)); !strings.Contains(string(again.body), pk.CredentialID) {
		t.Errorf("excludeCredentials lacks the registered passkey: %s", again.body)
	}

	aopt := h.get("/passkey/generate-authenticate-options", nil)
	if aopt.status != 200 || !strings.HasPrefix(string(aopt.body), `{"rpId":"localhost","challenge":"`) ||
		!strings.HasSuffix(string(aopt.body), `","timeout":60000,"userVerification":"preferred"}`) {
		t.Fatalf("authenticate options: %d %s", aopt.status, aopt.body)
	}
	lo, lch := h.authOptions()
	in := h.verifyAuthentication(lch, d.assert(goodRP, lo))
	if in.status != 200 || !hasCookie(in, "better-auth.session_token=") || in.header.Get("set-auth-token") == "" {
		t.Fatalf("verify-authentication: %d %s %v", in.status, in.body, in.cookies)
	}
	var su struct {
		Session struct{ UserID string }
		User    struct{ Email string }
	}
	if err := json.Unmarshal(in.body, &su); err != nil || su.Session.UserID != personID || su.User.Email != "alice@example.com" {
		t.Fatalf("{session, user} = %s, %v", in.body, err)
	}
	gs := h.get("/get-session", withCookie(cookieHeader(in)))
	if gs.status != 200 || !strings.Contains(string(gs.body), personID) {
		t.Errorf("get-session with the passkey session: %d %s", gs.status, gs.body)
	}
	for _, typ := range []string{authenticator.TypeRegistered, authenticator.TypeUsed} {
		if n := h.count(typ); n != 1 {
			t.Errorf("%s events = %d, want 1", typ, n)
		}
	}
}

// cookieLine returns the whole Set-Cookie line of name.
func cookieLine(r resp, name string) string {
	for _, c := range r.cookies {
		if strings.HasPrefix(c, name+"=") {
			return c
		}
	}
	return ""
}

// documentedPasskeyRoutes are the routes Better Auth's passkey plugin serves.
var documentedPasskeyRoutes = map[string]bool{
	"GET /passkey/generate-register-options": true, "POST /passkey/verify-registration": true,
	"GET /passkey/generate-authenticate-options": true, "POST /passkey/verify-authentication": true,
	"GET /passkey/list-user-passkeys": true, "POST /passkey/update-passkey": true, "POST /passkey/delete-passkey": true,
}
