package httpapi

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/twofactor"
)

// TestTwoFactorEnrolment follows Better Auth's recorded exchange: enable (password
// checked), pending until the first code, which replaces the session
// (step-up issues a new token, the old one stops working).
func TestTwoFactorEnrolment(t *testing.T) {
	h := newHarness(t)
	cookie, _ := h.signUp("alice@example.com", tfPassword, "Alice A.")
	r := h.post("/two-factor/enable", `{"password":"wrong password 1"}`, withCookie(cookie))
	if got := r.json(t)["code"]; r.status != 400 || got != "INVALID_PASSWORD" {
		t.Fatalf("enable with a wrong password: %d %s", r.status, r.body)
	}
	r = h.post("/two-factor/enable", `{"password":"`+tfPassword+`","issuer":"ba-peer"}`, withCookie(cookie))
	m := r.json(t)
	uri, _ := m["totpURI"].(string)
	if r.status != 200 || m["method"] != "totp" || !strings.HasPrefix(uri, "otpauth://totp/ba-peer:alice%40example.com?secret=") &&
		!strings.HasPrefix(uri, "otpauth://totp/ba-peer:alice@example.com?secret=") {
		t.Fatalf("enable: %d %s", r.status, r.body)
	}
	codes, _ := m["backupCodes"].([]any)
	shape := regexp.MustCompile(`^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$`)
	for _, c := range codes {
		if !shape.MatchString(c.(string)) {
			t.Errorf("backup code %q", c)
		}
	}
	if len(codes) != 10 {
		t.Errorf("got %d backup codes, want 10", len(codes))
	}
	secret := secretOf(t, uri)
	if got := len(secret) * 5; got < 160 { // base32: 5 bits a character
		t.Errorf("secret has %d bits, want ≥ 160", got)
	}
	if u := h.get("/get-session", withCookie(cookie)).json(t)["user"].(map[string]any); u["twoFactorEnabled"] != false {
		t.Errorf("twoFactorEnabled before the first code: %v", u["twoFactorEnabled"])
	}
	if r := h.post("/two-factor/get-totp-uri", `{"password":"`+tfPassword+`"}`, withCookie(cookie)); r.json(t)["totpURI"] == nil {
		t.Errorf("get-totp-uri: %d %s", r.status, r.body)
	}
	r = h.post("/two-factor/verify-totp", `{"code":"000000"}`, withCookie(cookie))
	if codeAt(t, secret, h.clock.Now()) != "000000" && (r.status != 401 || r.json(t)["code"] != "INVALID_CODE") {
		t.Fatalf("wrong code: %d %s", r.status, r.body)
	}
	r = h.post("/two-factor/verify-totp", `{"code":"`+oathCode(t, secret, h.clock.Now())+`"}`, withCookie(cookie))
	if r.status != 200 {
		t.Fatalf("verify-totp with oathtool's code: %d %s", r.status, r.body)
	}
	fresh := cookieHeader(r)
	if fresh == "" || fresh == cookie {
		t.Fatalf("enrolment did not replace the session cookie: %v", r.cookies)
	}
	if got := h.get("/get-session", withCookie(cookie)); string(got.body) != "null" {
		t.Errorf("old session still works after step-up: %s", got.body)
	}
	u := h.get("/get-session", withCookie(fresh)).json(t)["user"].(map[string]any)
	if u["twoFactorEnabled"] != true {
		t.Errorf("twoFactorEnabled after enrolment: %v", u["twoFactorEnabled"])
	}
	h.projected()
	p, err := h.read.GetPerson(t.Context(), u["id"].(string))
	if err != nil || !p.TwoFactorEnabled {
		t.Errorf("people.two_factor_enabled = %v, %v", p.TwoFactorEnabled, err)
	}
}

// TestTwoFactorSignIn: a right password opens no session; the code does,
// with a fresh token, once; trustDevice skips the
// second factor next time until revoked.
func TestTwoFactorSignIn(t *testing.T) {
	h := newHarness(t)
	secret, _, _ := h.enrolled("alice@example.com")
	sessions := h.count(session.TypeCreated)
	r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"`+tfPassword+`"}`, nil)
	if r.status != 200 || string(r.body) != `{"twoFactorRedirect":true,"twoFactorMethods":["totp"]}` {
		t.Fatalf("sign-in: %d %s", r.status, r.body)
	}
	pending := cookieNamed(r, "better-auth.two_factor")
	if pending == "" || cookieNamed(r, "better-auth.session_token") != "better-auth.session_token=" {
		t.Fatalf("cookies: %v", r.cookies)
	}
	if got := h.count(session.TypeCreated); got != sessions {
		t.Fatalf("the password alone opened a session (%d → %d)", sessions, got)
	}
	if got := h.count(account.TypeSecondFactorRequired); got != 1 {
		t.Errorf("second_factor_required events: %d", got)
	}
	h.clock.Advance(30 * time.Second)
	code := codeAt(t, secret, h.clock.Now())
	r = h.verify("verify-totp", pending, code, true)
	if r.status != 200 {
		t.Fatalf("verify-totp: %d %s", r.status, r.body)
	}
	token := r.json(t)["token"].(string)
	if !strings.HasPrefix(cookieNamed(r, "better-auth.session_token"), "better-auth.session_token="+token+".") ||
		!strings.HasPrefix(r.header.Get("Set-Auth-Token"), token+".") || cookieNamed(r, "better-auth.two_factor") != "better-auth.two_factor=" {
		t.Errorf("cookies after the second factor: %v", r.cookies)
	}
	trusted := cookieNamed(r, "better-auth.trust_device")
	if trusted == "" || !strings.Contains(strings.Join(r.cookies, "\n"), "Max-Age=2592000") {
		t.Fatalf("no 30-day trust_device cookie: %v", r.cookies)
	}
	if r := h.verify("verify-totp", pending, code, false); r.status != 401 {
		t.Errorf("replayed code and challenge: %d %s", r.status, r.body)
	}
	// Same code, new challenge: still a replay of the step.
	if r := h.verify("verify-totp", h.challenge("alice@example.com"), code, false); r.status != 401 || r.json(t)["code"] != "INVALID_CODE" {
		t.Errorf("replayed code on a new challenge: %d %s", r.status, r.body)
	}
	if got := h.countReason(twofactor.ReasonReplayed); got != 1 {
		t.Errorf("authn_token_reuse events: %d, want 1", got)
	}
	// The trusted device signs in with the password alone.
	r = h.post("/sign-in/email", `{"email":"alice@example.com","password":"`+tfPassword+`"}`, withCookie(trusted))
	if r.status != 200 || r.json(t)["token"] == nil {
		t.Fatalf("trusted device: %d %s", r.status, r.body)
	}
	// A password change revokes every trusted device.
	h.clock.Advance(time.Second)
	cp := h.post("/change-password", `{"currentPassword":"`+tfPassword+`","newPassword":"`+tfPassword+`"}`, withCookie(cookieHeader(r)))
	if cp.status != 200 {
		t.Fatalf("change-password: %d %s", cp.status, cp.body)
	}
	if r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"`+tfPassword+`"}`, withCookie(trusted)); !strings.Contains(string(r.body), "twoFactorRedirect") {
		t.Errorf("trust survived a password change: %d %s", r.status, r.body)
	}
}

func (h *harness) countReason(reason string) int {
	n := 0
	for _, ev := range h.events() {
		if e, ok := ev.(twofactor.CodeRejected); ok && e.Reason == reason {
			n++
		}
	}
	return n
}

// TestTwoFactorWindow: exactly ±1 step.
func TestTwoFactorWindow(t *testing.T) {
	h := newHarness(t)
	secret, _, _ := h.enrolled("alice@example.com")
	h.clock.Advance(10 * time.Minute)
	now := h.clock.Now()
	tests := []struct {
		name   string
		offset time.Duration
		want   int
	}{
		{"two steps old", -60 * time.Second, 401},
		{"two steps ahead", 60 * time.Second, 401},
		{"one step old", -30 * time.Second, 200},
		{"current", 0, 200},
		{"one step ahead", 30 * time.Second, 200},
	}
	for _, tt := range tests {
		r := h.verify("verify-totp", h.challenge("alice@example.com"), codeAt(t, secret, now.Add(tt.offset)), false)
		if r.status != tt.want {
			t.Errorf("%s: got %d %s, want %d", tt.name, r.status, r.body, tt.want)
		}
	}
}

// TestTwoFactorErrors: no cookie, a tampered cookie, an expired challenge.
func TestTwoFactorErrors(t *testing.T) {
	h := newHarness(t)
	secret, _, _ := h.enrolled("alice@example.com")
	pending := h.challenge("alice@example.com")
	tampered := strings.Replace(pending, "!", "%21x", 1)
	for name, cookie := range map[string]string{"none": "", "tampered": tampered, "other name": "x=" + pending} {
		r := h.verify("verify-totp", cookie, codeAt(t, secret, h.clock.Now().Add(30*time.Second)), false)
		if r.status != 401 || r.json(t)["code"] != "INVALID_TWO_FACTOR_COOKIE" {
			t.Errorf("%s: %d %s", name, r.status, r.body)
		}
	}
	h.clock.Advance(11 * time.Minute)
	if r := h.verify("verify-totp", pending, codeAt(t, secret, h.clock.Now()), false); r.status != 401 {
		t.Errorf("expired challenge: %d %s", r.status, r.body)
	}
	if r := h.post("/two-factor/verify-totp", `{"code":1}`, withCookie(pending)); r.status != 400 {
		t.Errorf("code as a number: %d %s", r.status, r.body)
	}
}

// documentedTwoFactorRoutes are the routes Better Auth's two-factor plugin
// serves, with the emailed-code routes send-otp and verify-otp (twofactor_otp_test.go).
var documentedTwoFactorRoutes = map[string]bool{
	"POST /two-factor/enable": true, "POST /two-factor/get-totp-uri": true, "POST /two-factor/verify-totp": true,
	"POST /two-factor/generate-backup-codes": true, "POST /two-factor/verify-backup-code": true,
	"POST /two-factor/disable": true, "POST /two-factor/send-otp": true, "POST /two-factor/verify-otp": true,
}
