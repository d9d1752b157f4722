package httpapi

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/session"
)

const invalidTokenBody = `{"message":"Invalid token","code":"INVALID_TOKEN"}`

// TestResetTokenRefused covers reset tokens: reuse, a
// superseded token, expiry (injectable clock), another purpose, garbage;
// each is 400 INVALID_TOKEN and changes no password. A token acts only on
// the account it was issued for.
func TestResetTokenRefused(t *testing.T) {
	tests := []struct {
		name  string
		token func(h *harness, sink *mailtest.Sink) string
	}{
		{"reuse", func(h *harness, sink *mailtest.Sink) string {
			tok, _ := h.requestReset(sink, "alice@example.com", 1)
			if r := h.reset(tok, "correct horse 5"); r.status != 200 {
				h.t.Fatalf("first use: %d %s", r.status, r.body)
			}
			return tok
		}},
		{"superseded", func(h *harness, sink *mailtest.Sink) string {
			tok, _ := h.requestReset(sink, "alice@example.com", 1)
			h.requestReset(sink, "alice@example.com", 2)
			return tok
		}},
		{"expired", func(h *harness, sink *mailtest.Sink) string {
			tok, _ := h.requestReset(sink, "alice@example.com", 1)
			h.clock.Advance(account.ResetTTL)
			return tok
		}},
		{"session token (other purpose)", func(h *harness, _ *mailtest.Sink) string {
			c := cookieHeader(h.signIn("alice@example.com", "correct horse 1"))
			tok, _, _ := strings.Cut(strings.TrimPrefix(c, "better-auth.session_token="), ".")
			return tok
		}},
		{"unknown", func(*harness, *mailtest.Sink) string { return "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt, sink := withSink(t)
			h := newHarness(t, opt)
			h.signUp("alice@example.com", "correct horse 1", "Alice")
			tok := tt.token(h, sink)
			r := h.getNoFollow("/reset-password/"+tok+"?callbackURL=%2Freset", nil)
			if got := r.header.Get("Location"); r.status != 302 || got != "http://127.0.0.1:8080/reset?error=INVALID_TOKEN" {
				t.Errorf("link: got %d %q, want 302 to ?error=INVALID_TOKEN", r.status, got)
			}
			r = h.reset(tok, "correct horse 9")
			if r.status != 400 || string(r.body) != invalidTokenBody {
				t.Errorf("got %d %s, want 400 %s", r.status, r.body, invalidTokenBody)
			}
			if got := h.signIn("alice@example.com", "correct horse 9"); got.status != 401 {
				t.Errorf("refused token changed the password: sign-in %d", got.status)
			}
		})
	}
}

// TestResetTokenOtherUser: bob's token resets bob only.
func TestResetTokenOtherUser(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	h.signUp("bob@example.com", "correct horse 1", "Bob")
	h.requestReset(sink, "alice@example.com", 1)
	bobTok, _ := h.requestReset(sink, "bob@example.com", 2)
	if r := h.reset(bobTok, "correct horse 7"); r.status != 200 {
		t.Fatalf("got %d %s, want 200", r.status, r.body)
	}
	if got := h.signIn("alice@example.com", "correct horse 1"); got.status != 200 {
		t.Errorf("alice: got %d, want her password unchanged", got.status)
	}
	if got := h.signIn("bob@example.com", "correct horse 7"); got.status != 200 {
		t.Errorf("bob: got %d, want the new password", got.status)
	}
}

// TestResetKeepsSecondFactor: after a reset a TOTP
// user whose address was proven still needs the second factor, and the
// reset opened no session. (A reset that proves an address for the first
// time removes the second factor: see TestPreHijackClassic.)
func TestResetKeepsSecondFactor(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt)
	_, _, cookie := h.enrolled("alice@example.com")
	h.prove("alice@example.com")
	tok, _ := h.requestReset(sink, "alice@example.com", 1)
	created := h.count(session.TypeCreated)
	if r := h.reset(tok, "correct horse 8"); r.status != 200 || len(r.cookies) != 0 {
		t.Fatalf("got %d %s cookies %v, want 200 without cookies", r.status, r.body, r.cookies)
	}
	if got := h.count(session.TypeCreated); got != created {
		t.Errorf("got %d sessions created, want %d", got, created)
	}
	if got := h.get("/get-session", withCookie(cookie)); string(got.body) != "null" {
		t.Errorf("got %s for the enrolment session, want null (revoked)", got.body)
	}
	r := h.signIn("alice@example.com", "correct horse 8")
	if r.status != 200 || !strings.Contains(string(r.body), `"twoFactorRedirect":true`) ||
		strings.TrimPrefix(cookieHeader(r), "better-auth.session_token=") != "" || cookieNamed(r, "better-auth.two_factor") == "" {
		t.Errorf("got %d %s %v, want a two-factor challenge and no session cookie", r.status, r.body, r.cookies)
	}
	if got := h.count(session.TypeCreated); got != created {
		t.Errorf("got %d sessions created after the password, want %d", got, created)
	}
}

// TestResetLinkIgnoresHost: spoofed Host and
// X-Forwarded-Host do not change the link.
func TestResetLinkIgnoresHost(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	hr, err := http.NewRequest(http.MethodPost, h.http.URL+"/api/auth/request-password-reset",
		strings.NewReader(`{"email":"alice@example.com","redirectTo":"/reset"}`))
	if err != nil {
		t.Fatal(err)
	}
	hr.Host = "evil.test"
	hr.Header.Set("X-Forwarded-Host", "evil.test")
	hr.Header.Set("X-Forwarded-Proto", "https")
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("Origin", testOrigin)
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("got %d %s, want 200", res.StatusCode, b)
	}
	msgs := sink.Wait(1, 10*time.Second)
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	m := resetLinkRE.FindStringSubmatch(msgs[0].Data)
	if m == nil || m[1] != "http://127.0.0.1:8080" || strings.Contains(msgs[0].Data, "evil.test") {
		t.Errorf("got mail %q, want a link on http://127.0.0.1:8080 only", msgs[0].Data)
	}
}

// TestResetRedirectsValidated: redirectTo and callbackURL must be trusted.
func TestResetRedirectsValidated(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	tests := []struct {
		name, body, wantCode string
	}{
		{"foreign redirectTo", `{"email":"alice@example.com","redirectTo":"https://evil.test/x"}`, "INVALID_REDIRECT_URL"},
		{"protocol-relative", `{"email":"ghost@example.com","redirectTo":"//evil.test"}`, "INVALID_REDIRECT_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.post("/request-password-reset", tt.body, nil)
			if r.status != 403 || !strings.Contains(string(r.body), tt.wantCode) {
				t.Errorf("got %d %s, want 403 %s", r.status, r.body, tt.wantCode)
			}
		})
	}
	tok, _ := h.requestReset(sink, "alice@example.com", 1)
	r := h.getNoFollow("/reset-password/"+tok+"?callbackURL=https%3A%2F%2Fevil.test%2F", nil)
	if r.status != 403 || r.header.Get("Location") != "" {
		t.Errorf("got %d to %q, want 403 and no redirect", r.status, r.header.Get("Location"))
	}
	if got := len(sink.Messages()); got != 1 {
		t.Errorf("got %d messages, want 1 (refused requests send none)", got)
	}
}
