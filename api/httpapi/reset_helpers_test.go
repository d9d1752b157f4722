package httpapi

import (
	"io"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mail/mailtest"
)

const wantResetAnswer = `{"status":true,"message":"If this email exists in our system, check your email for the reset link"}`

// withSink points the reset mailer at a local SMTP sink, so the real
// net/smtp client runs in every reset test.
func withSink(t testing.TB) (option, *mailtest.Sink) {
	sink := mailtest.Start(t)
	return func(c *Config) {
		c.Reset.Mailer = mail.SMTP{Host: "127.0.0.1", Port: sink.Port(), From: "noreply@example.com"}
	}, sink
}

var resetLinkRE = regexp.MustCompile(`(http://[^/\s]+)/api/auth/reset-password/([A-Za-z0-9_-]+)\?callbackURL=(\S*)`)

// requestReset asks for a reset of addr and returns the token of the n-th
// message the sink receives (n counts from 1), with the link's origin.
func (h *harness) requestReset(sink *mailtest.Sink, addr string, n int) (token, linkOrigin string) {
	h.t.Helper()
	r := h.post("/request-password-reset", `{"email":"`+addr+`","redirectTo":"/reset"}`, nil)
	if r.status != 200 || string(r.body) != wantResetAnswer {
		h.t.Fatalf("request-password-reset: %d %s", r.status, r.body)
	}
	msgs := sink.Wait(n, 10*time.Second)
	if len(msgs) < n {
		h.t.Fatalf("got %d messages, want %d", len(msgs), n)
	}
	m := resetLinkRE.FindStringSubmatch(msgs[n-1].Data)
	if m == nil {
		h.t.Fatalf("no reset link in %q", msgs[n-1].Data)
	}
	return m[2], m[1]
}

// reset posts a new password with a token.
func (h *harness) reset(token, pw string) resp {
	h.t.Helper()
	return h.post("/reset-password", `{"newPassword":"`+pw+`","token":"`+token+`"}`, nil)
}

// signIn posts email and password and returns the response.
func (h *harness) signIn(addr, pw string) resp {
	h.t.Helper()
	return h.post("/sign-in/email", `{"email":"`+addr+`","password":"`+pw+`"}`, nil)
}

// getNoFollow sends a GET to an auth route without following redirects.
func (h *harness) getNoFollow(path string, headers map[string]string) resp {
	h.t.Helper()
	hr, err := http.NewRequest(http.MethodGet, h.http.URL+"/api/auth"+path, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	for k, v := range headers {
		hr.Header.Set(k, v)
	}
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := cl.Do(hr)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: b, cookies: res.Header.Values("Set-Cookie")}
}
