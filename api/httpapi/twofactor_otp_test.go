package httpapi

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail/mailtest"
)

var otpRE = regexp.MustCompile(`code is ([0-9]{6})`)

// mailedOTP waits for the n-th message of the sink and returns its code.
func mailedOTP(t *testing.T, sink *mailtest.Sink, n int) string {
	t.Helper()
	msgs := sink.Wait(n, 10*time.Second)
	if len(msgs) < n {
		t.Fatalf("got %d messages, want %d", len(msgs), n)
	}
	m := otpRE.FindStringSubmatch(msgs[n-1].Data)
	if m == nil {
		t.Fatalf("no code in %q", msgs[n-1].Data)
	}
	return m[1]
}

// TestTwoFactorOTPSignIn: with a mailer the sign-in offers otp; send-otp
// mails a code for the pending sign-in and verify-otp completes it like
// verify-totp (fresh session, trust-device cookie), once.
func TestTwoFactorOTPSignIn(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt)
	h.enrolled("alice@example.com")
	r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"`+tfPassword+`"}`, nil)
	if r.status != 200 || string(r.body) != `{"twoFactorRedirect":true,"twoFactorMethods":["totp","otp"]}` {
		t.Fatalf("sign-in: %d %s", r.status, r.body)
	}
	pending := cookieNamed(r, "better-auth.two_factor")
	if r := h.post("/two-factor/send-otp", ``, withCookie(pending)); r.status != 200 || string(r.body) != `{"status":true}` {
		t.Fatalf("send-otp: %d %s", r.status, r.body)
	}
	code := mailedOTP(t, sink, 1)
	if got := h.count("two_factor.otp_sent"); got != 1 {
		t.Errorf("otp_sent events: %d", got)
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if r := h.verify("verify-otp", pending, wrong, false); r.status != 401 || r.json(t)["code"] != "INVALID_CODE" {
		t.Errorf("wrong code: %d %s", r.status, r.body)
	}
	r = h.verify("verify-otp", pending, code, true)
	if r.status != 200 {
		t.Fatalf("verify-otp: %d %s", r.status, r.body)
	}
	token := r.json(t)["token"].(string)
	if !strings.HasPrefix(cookieNamed(r, "better-auth.session_token"), "better-auth.session_token="+token+".") ||
		!strings.HasPrefix(r.header.Get("Set-Auth-Token"), token+".") {
		t.Errorf("session cookie after verify-otp: %v", r.cookies)
	}
	if cookieNamed(r, "better-auth.trust_device") == "" || cookieNamed(r, "better-auth.two_factor") != "better-auth.two_factor=" {
		t.Errorf("cookies after verify-otp: %v", r.cookies)
	}
	if r := h.verify("verify-otp", pending, code, false); r.status != 401 {
		t.Errorf("replayed code: %d %s", r.status, r.body)
	}
	if r := h.get("/get-session", withCookie(cookieHeader(r))); r.status != 200 || !strings.Contains(string(r.body), token) {
		t.Errorf("session of verify-otp: %d %s", r.status, r.body)
	}
}

// TestTwoFactorOTPBadInput: bad bodies and missing challenges are 4xx
// with a code and append nothing; without a mailer send-otp is refused.
func TestTwoFactorOTPBadInput(t *testing.T) {
	opt, _ := withSink(t)
	h := newHarness(t, opt)
	h.enrolled("alice@example.com")
	pending := h.challenge("alice@example.com")
	cases := []struct {
		name, route, body, cookie string
		status                    int
		code                      string
	}{
		{"send without a challenge", "send-otp", `{}`, "", 401, "INVALID_TWO_FACTOR_COOKIE"},
		{"send with a forged challenge", "send-otp", `{}`, "better-auth.two_factor=x.y", 401, "INVALID_TWO_FACTOR_COOKIE"},
		{"send trustDevice string", "send-otp", `{"trustDevice":"yes"}`, pending, 400, "VALIDATION_ERROR"},
		{"send array", "send-otp", `[]`, pending, 400, "VALIDATION_ERROR"},
		{"send unknown key", "send-otp", `{"email":"a@b.c"}`, pending, 400, "VALIDATION_ERROR"},
		{"verify missing code", "verify-otp", `{}`, pending, 400, "VALIDATION_ERROR"},
		{"verify null code", "verify-otp", `{"code":null}`, pending, 400, "VALIDATION_ERROR"},
		{"verify number code", "verify-otp", `{"code":123456}`, pending, 400, "VALIDATION_ERROR"},
		{"verify malformed", "verify-otp", `{"code":`, pending, 400, "BAD_REQUEST"},
		{"verify without a challenge", "verify-otp", `{"code":"123456"}`, "", 401, "INVALID_TWO_FACTOR_COOKIE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(h.eventTypes())
			r := h.post("/two-factor/"+c.route, c.body, withCookie(c.cookie))
			if r.status != c.status || r.json(t)["code"] != c.code {
				t.Fatalf("%d %s, want %d %s", r.status, r.body, c.status, c.code)
			}
			if added := h.eventTypes()[before:]; len(added) != 0 {
				t.Errorf("appended %v", added)
			}
		})
	}
	if r := h.verify("verify-otp", pending, "123456", false); r.status != 400 || r.json(t)["code"] != "OTP_HAS_EXPIRED" {
		t.Errorf("verify before send: %d %s", r.status, r.body)
	}

	plain := newHarness(t)
	plain.enrolled("bob@example.com")
	r := plain.post("/sign-in/email", `{"email":"bob@example.com","password":"`+tfPassword+`"}`, nil)
	if string(r.body) != `{"twoFactorRedirect":true,"twoFactorMethods":["totp"]}` {
		t.Errorf("sign-in without a mailer offers %s", r.body)
	}
	r = plain.post("/two-factor/send-otp", `{}`, withCookie(cookieNamed(r, "better-auth.two_factor")))
	if r.status != 400 || string(r.body) != `{"message":"OTP is not available","code":"OTP_NOT_CONFIGURED"}` {
		t.Errorf("send-otp without a mailer: %d %s", r.status, r.body)
	}
}

// TestTwoFactorOTPConcurrent: the same right code sent twice at once opens
// exactly one session.
func TestTwoFactorOTPConcurrent(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt)
	h.enrolled("alice@example.com")
	pending := h.challenge("alice@example.com")
	if r := h.post("/two-factor/send-otp", `{}`, withCookie(pending)); r.status != 200 {
		t.Fatalf("send-otp: %d %s", r.status, r.body)
	}
	code := mailedOTP(t, sink, 1)
	results := make(chan int, 2)
	for range 2 {
		go func() {
			results <- h.post("/two-factor/verify-otp", `{"code":"`+code+`"}`, withCookie(pending)).status
		}()
	}
	got := []int{<-results, <-results}
	if slices.Sort(got); !slices.Equal(got, []int{200, 401}) {
		t.Errorf("statuses %v, want one 200 and one 401", got)
	}
}
