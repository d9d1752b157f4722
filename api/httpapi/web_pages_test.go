package httpapi

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/web"
)

// inlineScript matches a <script> element without a src attribute, an
// inline event handler or a style attribute: none may appear on a page.
var inlineScript = regexp.MustCompile(`(?i)<script(?:\s+(?:type|defer)(?:="[^"]*")?)*\s*>|\son[a-z]+\s*=|\sstyle\s*=`)

func TestWebPagesRender(t *testing.T) {
	h := newHarness(t)
	for _, p := range web.Pages() {
		t.Run(p.Name, func(t *testing.T) {
			r := h.do(req{method: http.MethodGet, path: p.Path})
			if r.status != http.StatusOK {
				t.Fatalf("GET %s = %d", p.Path, r.status)
			}
			if got := r.header.Get("Content-Security-Policy"); got != web.ContentSecurityPolicy {
				t.Errorf("CSP = %q, want %q", got, web.ContentSecurityPolicy)
			}
			if got := r.header.Get("Content-Type"); got != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", got)
			}
			if got := r.header.Get("X-Frame-Options"); got != "DENY" {
				t.Errorf("X-Frame-Options = %q", got)
			}
			body := string(r.body)
			if m := inlineScript.FindString(body); m != "" {
				t.Errorf("page has inline script or style: %q", m)
			}
			for _, want := range []string{"<title>" + p.Title, `src="/ui/static/app.js"`, `src="/ui/static/` + p.Name + `.js"`} {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if strings.Contains(body, "http://") || strings.Contains(body, "https://") {
				t.Errorf("page refers to another origin (no CDN allowed)")
			}
		})
	}
}

// TestWebInputsLabelled checks every input and select has a <label for>
// or an aria-label.
func TestWebInputsLabelled(t *testing.T) {
	h := newHarness(t)
	idRE := regexp.MustCompile(`<(?:input|select)[^>]*\sid="([^"]+)"`)
	for _, p := range web.Pages() {
		body := string(h.do(req{method: http.MethodGet, path: p.Path}).body)
		ids := idRE.FindAllStringSubmatch(body, -1)
		if len(ids) == 0 && p.Name != "invitation" {
			t.Errorf("%s: no inputs found", p.Name)
		}
		for _, m := range ids {
			if !strings.Contains(body, `for="`+m[1]+`"`) {
				t.Errorf("%s: input %q has no label", p.Name, m[1])
			}
		}
	}
}

func TestWebStaticFiles(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		path       string
		wantStatus int
		wantType   string
	}{
		{"/ui/static/app.js", 200, "text/javascript; charset=utf-8"},
		{"/ui/static/signin.js", 200, "text/javascript; charset=utf-8"},
		{"/ui/static/app.css", 200, "text/css; charset=utf-8"},
		{"/ui/theme.css", 200, "text/css; charset=utf-8"},
		{"/ui/static/", 404, ""},
		{"/ui/static/missing.js", 404, ""},
		{"/ui/static/../web.go", 404, ""},
		{"/ui/nope", 404, ""},
	}
	for _, tt := range tests {
		r := h.do(req{method: http.MethodGet, path: tt.path})
		if r.status != tt.wantStatus {
			t.Errorf("GET %s = %d, want %d", tt.path, r.status, tt.wantStatus)
			continue
		}
		if tt.wantType != "" && r.header.Get("Content-Type") != tt.wantType {
			t.Errorf("GET %s Content-Type = %q, want %q", tt.path, r.header.Get("Content-Type"), tt.wantType)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s without nosniff", tt.path)
		}
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{"/ui", "/ui/"} {
		res, err := noFollow.Get(h.http.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != "/ui/sign-in" {
			t.Errorf("GET %s = %d %q, want 302 to /ui/sign-in", path, res.StatusCode, res.Header.Get("Location"))
		}
	}
}

// TestWebPasskeyOptions: with the passkey routes mounted, the sign-in page
// offers a passkey under "More sign-in options" and the account page can
// manage passkeys.
func TestWebPasskeyOptions(t *testing.T) {
	h := newHarness(t)
	if len(h.passkeyRoutes()) == 0 {
		t.Fatal("no passkey routes")
	}
	tests := []struct{ path, want string }{
		{"/ui/sign-in", `<details id="more-options">`},
		{"/ui/sign-in", `id="passkey-btn"`},
		{"/ui/sign-in", `src="/ui/static/passkey.js"`},
		{"/ui/account", `id="pk-add-form"`},
		{"/ui/account", `src="/ui/static/passkeys.js"`},
	}
	for _, tt := range tests {
		if body := string(h.do(req{method: http.MethodGet, path: tt.path}).body); !strings.Contains(body, tt.want) {
			t.Errorf("%s lacks %q", tt.path, tt.want)
		}
	}
}
