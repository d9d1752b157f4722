package httpapi

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/session"
)

// documentedResetRoutes are the password-reset routes Better Auth serves.
var documentedResetRoutes = map[string]bool{
	"POST /request-password-reset": true, "GET /reset-password/:token": true, "POST /reset-password": true,
}

// TestResetSameAnswer: known and unknown emails get
// the same status, body and headers; only the known one gets mail, sent
// to the stored address.
func TestResetSameAnswer(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	ghost := h.post("/request-password-reset", `{"email":"ghost@example.com","redirectTo":"/reset"}`, nil)
	known := h.post("/request-password-reset", `{"email":"ALICE@example.com","redirectTo":"/reset"}`, nil)
	for _, r := range []resp{ghost, known} {
		if r.status != 200 || string(r.body) != wantResetAnswer {
			t.Fatalf("got %d %s, want 200 %s", r.status, r.body, wantResetAnswer)
		}
	}
	if got, want := headerShape(known.header), headerShape(ghost.header); got != want {
		t.Errorf("got headers %s, want %s (as for an unknown email)", got, want)
	}
	msgs := sink.Wait(1, 10*time.Second)
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "alice@example.com" {
		t.Fatalf("got messages %+v, want one to alice@example.com", msgs)
	}
	if !strings.Contains(msgs[0].Data, "To: alice@example.com\r\n") {
		t.Errorf("got data %q, want the stored address in To", msgs[0].Data)
	}
}

// headerShape is the header set minus the values that differ per request.
func headerShape(h http.Header) string {
	c := h.Clone()
	for _, k := range []string{"Date", "X-Request-Id"} {
		c.Del(k)
	}
	b, _ := json.Marshal(c)
	return string(b)
}

// TestResetFlow follows Better Auth's recorded exchange: link → 302 with the token, reset,
// reuse → 400 INVALID_TOKEN, sign-in with the new password; every session
// is revoked and none is opened.
func TestResetFlow(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt)
	cookie1, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	cookie2 := cookieHeader(h.signIn("alice@example.com", "correct horse 1"))
	token, origin := h.requestReset(sink, "alice@example.com", 1)
	if origin != "http://127.0.0.1:8080" {
		t.Errorf("got link origin %q, want the base URL", origin)
	}
	r := h.getNoFollow("/reset-password/"+token+"?callbackURL=%2Freset", nil)
	if got, want := r.header.Get("Location"), "http://127.0.0.1:8080/reset?token="+token; r.status != 302 || got != want {
		t.Fatalf("got %d %q, want 302 %q", r.status, got, want)
	}
	sessionsBefore := h.count(session.TypeCreated)
	r = h.reset(token, "correct horse 3")
	if r.status != 200 || string(r.body) != `{"status":true}` || len(r.cookies) != 0 {
		t.Fatalf("got %d %s cookies %v, want 200 {\"status\":true} and no cookie", r.status, r.body, r.cookies)
	}
	if got := h.count(session.TypeCreated); got != sessionsBefore {
		t.Errorf("got %d sessions created, want %d: reset opens none", got, sessionsBefore)
	}
	for _, c := range []string{cookie1, cookie2} {
		if got := h.get("/get-session", withCookie(c)); string(got.body) != "null" {
			t.Errorf("got %s for a session from before the reset, want null", got.body)
		}
	}
	r = h.reset(token, "correct horse 4")
	if r.status != 400 || string(r.body) != `{"message":"Invalid token","code":"INVALID_TOKEN"}` {
		t.Errorf("reuse: got %d %s, want 400 INVALID_TOKEN", r.status, r.body)
	}
	if got := h.signIn("alice@example.com", "correct horse 1"); got.status != 401 {
		t.Errorf("old password: got %d, want 401", got.status)
	}
	if got := h.signIn("alice@example.com", "correct horse 3"); got.status != 200 {
		t.Errorf("new password: got %d %s, want 200", got.status, got.body)
	}
}

// TestResetStoresOnlyTokenHash checks the stream holds the SHA-256 and the
// log neither the token nor the link.
func TestResetStoresOnlyTokenHash(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	token, _ := h.requestReset(sink, "alice@example.com", 1)
	found := false
	for _, ev := range h.events() {
		b, _ := json.Marshal(ev)
		if strings.Contains(string(b), token) {
			t.Errorf("event %s holds the token", ev.EventType())
		}
		if e, ok := ev.(account.PasswordResetRequested); ok {
			found = e.TokenHash == account.HashResetToken(token) && e.ExpiresAt.Sub(e.At) == account.ResetTTL
		}
	}
	if !found {
		t.Error("got no PasswordResetRequested with the token's SHA-256 and a 1 h TTL")
	}
	h.reset(token, "correct horse 3")
	if strings.Contains(h.logs.String(), token) {
		t.Error("the log holds the reset token")
	}
}

// TestResetWithoutMailer accepts requests alike and logs them as
// undeliverable without the link.
func TestResetWithoutMailer(t *testing.T) {
	logs := &lockedWriter{w: &bytes.Buffer{}}
	h := newHarness(t, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(logs, nil)) })
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	for _, addr := range []string{"ghost@example.com", "alice@example.com"} {
		r := h.post("/request-password-reset", `{"email":"`+addr+`"}`, nil)
		if r.status != 200 || string(r.body) != wantResetAnswer {
			t.Errorf("%s: got %d %s, want 200", addr, r.status, r.body)
		}
	}
	got := waitLog(logs, "undeliverable", 10*time.Second)
	if !strings.Contains(got, "undeliverable") || strings.Contains(got, "reset-password/") || strings.Contains(got, "alice@") {
		t.Errorf("got logs %q, want an undeliverable warning without the link or the address", got)
	}
	if n := strings.Count(got, "undeliverable"); n != 1 {
		t.Errorf("got %d undeliverable lines, want 1 (the known email only)", n)
	}
}

// waitLog polls the log until it contains want or timeout passes.
func waitLog(l *lockedWriter, want string, timeout time.Duration) string {
	deadline := time.Now().Add(timeout)
	for {
		l.mu.Lock()
		got := l.w.(*bytes.Buffer).String()
		l.mu.Unlock()
		if strings.Contains(got, want) || time.Now().After(deadline) {
			return got
		}
		time.Sleep(5 * time.Millisecond)
	}
}
