package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// corsAppPage is a browser app served from an origin other than the API's:
// it only holds the page; the test drives fetch from it.
const corsAppPage = `<!doctype html><html><head><meta charset="utf-8"><title>app</title></head><body>app</body></html>`

// corsFetch makes the page call the API with credentials and returns what
// the page could see: the JSON body, or the error fetch rejected with.
func corsFetch(tb *tab, url, method, body string) (ok bool, status int, out map[string]any, errText string) {
	tb.b.t.Helper()
	init := fmt.Sprintf(`{method: %q, credentials: "include"}`, method)
	if body != "" {
		init = fmt.Sprintf(`{method: %q, credentials: "include", headers: {"Content-Type": "application/json"}, body: %q}`, method, body)
	}
	eval[bool](tb, fmt.Sprintf(`(window.out = null, fetch(%q, %s)
		.then(async r => window.out = {ok: true, status: r.status, body: await r.text()},
		      e => window.out = {ok: false, err: String(e)}), true)`, url, init))
	tb.waitFor("the fetch to settle", `window.out !== null`)
	var res struct {
		OK     bool   `json:"ok"`
		Status int    `json:"status"`
		Body   string `json:"body"`
		Err    string `json:"err"`
	}
	if err := json.Unmarshal([]byte(eval[string](tb, `JSON.stringify(window.out)`)), &res); err != nil {
		tb.b.t.Fatal(err)
	}
	if res.OK && res.Body != "null" && res.Body != "" {
		if err := json.Unmarshal([]byte(res.Body), &out); err != nil {
			tb.b.t.Fatalf("%s %s: body %q: %v", method, url, res.Body, err)
		}
	}
	return res.OK, res.Status, out, res.Err
}

// TestBrowserCORS: a page on a second trusted origin (another port) signs
// up and reads get-session through fetch with credentials "include" and
// succeeds; the same browser, cookie in its jar, on an untrusted origin is
// kept from reading get-session (and from signing in) by the browser itself.
func TestBrowserCORS(t *testing.T) {
	page := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(corsAppPage))
	})
	trusted := httptest.NewServer(page)
	defer trusted.Close()
	untrusted := httptest.NewServer(page)
	defer untrusted.Close()
	srv := startServer(t, t.TempDir(), "--trusted-origins", e2eTrustedOrigin+","+trusted.URL)
	if strings.HasPrefix(trusted.URL, srv.URL) || trusted.URL == untrusted.URL {
		t.Fatalf("origins are not distinct: api %s, app %s, other %s", srv.URL, trusted.URL, untrusted.URL)
	}
	api := srv.URL + "/api/auth"
	b := newBrowser(t, trusted.URL)
	app := b.person("app")

	app.open("/")
	ok, status, out, errText := corsFetch(app, api+"/sign-up/email", "POST",
		`{"email":"cors@example.com","password":"`+browserPassword+`","name":"Cors"}`)
	if !ok || status != 200 {
		t.Fatalf("sign-up from the trusted origin: ok=%v status=%d err=%s console=%v", ok, status, errText, app.consoleErrors())
	}
	ok, status, out, errText = corsFetch(app, api+"/get-session", "GET", "")
	if !ok || status != 200 {
		t.Fatalf("get-session from the trusted origin: ok=%v status=%d err=%s", ok, status, errText)
	}
	user, _ := out["user"].(map[string]any)
	if user["email"] != "cors@example.com" {
		t.Fatalf("get-session from the trusted origin = %v, want the signed-up person", out)
	}

	app.do(chromedp.Navigate(untrusted.URL + "/"))
	for _, call := range []struct{ path, method, body string }{
		{"/get-session", "GET", ""},
		{"/sign-in/email", "POST", `{"email":"cors@example.com","password":"` + browserPassword + `"}`},
	} {
		ok, status, _, errText = corsFetch(app, api+call.path, call.method, call.body)
		if ok || !strings.Contains(errText, "TypeError") {
			t.Errorf("%s from an untrusted origin: the page saw ok=%v status=%d err=%q, want the browser to block it", call.path, ok, status, errText)
		}
	}
}
