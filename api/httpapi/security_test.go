package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/signin"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

// TestBadInput covers malformed bodies (missing, null, wrong-type, oversized and duplicate fields, invalid UTF-8): every
// row is a 4xx with a code, no state change, no cookie.
func TestBadInput(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.BodyLimit = 4 << 20 })
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	tests := []struct {
		name, path, body string
		headers          map[string]string
		status           int
		code             string
	}{
		{"body over limit", "/sign-up/email", `{"name":"` + strings.Repeat("a", 4<<20) + `"}`, nil, 413, "PAYLOAD_TOO_LARGE"},
		{"1 MiB password inside the limit", "/sign-up/email", `{"email":"p@example.com","name":"P","password":"` + strings.Repeat("p", 1<<20) + `"}`, nil, 400, "PASSWORD_TOO_LONG"},
		{"1 MiB password on sign-in", "/sign-in/email", `{"email":"alice@example.com","password":"` + strings.Repeat("p", 1<<20) + `"}`, nil, 400, "PASSWORD_TOO_LONG"},
		{"invalid UTF-8 in password", "/sign-in/email", "{\"email\":\"alice@example.com\",\"password\":\"p\xffw-long-enough\"}", nil, 400, ""},
		{"NUL in email", "/sign-up/email", `{"email":"a\u0000b@example.com","name":"N","password":"correct horse 1"}`, nil, 400, ""},
		{"control char in name", "/sign-up/email", `{"email":"n@example.com","name":"N\u0007","password":"correct horse 1"}`, nil, 400, ""},
		{"deep nesting", "/sign-in/email", `{"email":` + deep + `}`, nil, 400, ""},
		{"duplicate keys", "/sign-in/email", `{"email":"a@x.io","email":"alice@example.com","password":"correct horse 1"}`, nil, 400, ""},
		{"case-variant keys", "/sign-in/email", `{"email":"victim@x.io","EMAIL":"alice@example.com","password":"correct horse 1"}`, nil, 400, ""},
		{"email as array", "/sign-in/email", `{"email":["alice@example.com"],"password":"correct horse 1"}`, nil, 400, ""},
		{"callbackURL as object", "/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1","callbackURL":{}}`, nil, 400, ""},
		{"privileged role", "/sign-up/email", `{"email":"r@example.com","name":"R","password":"correct horse 1","role":"admin"}`, nil, 400, ""},
		{"privileged emailVerified", "/sign-up/email", `{"email":"v@example.com","name":"V","password":"correct horse 1","emailVerified":true}`, nil, 400, ""},
		{"unknown userId", "/sign-up/email", `{"email":"u@example.com","name":"U","password":"correct horse 1","userId":"x"}`, nil, 400, ""},
		{"text/plain", "/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, map[string]string{"Content-Type": "text/plain"}, 415, "UNSUPPORTED_MEDIA_TYPE"},
		{"form", "/sign-in/email", `email=alice@example.com`, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415, "UNSUPPORTED_MEDIA_TYPE"},
		{"SQL injection as email", "/sign-up/email", `{"email":"' OR '1'='1","name":"x","password":"correct horse 1"}`, nil, 400, "VALIDATION_ERROR"},
		{"NoSQL operator as email", "/sign-in/email", `{"email":{"$gt":""},"password":"correct horse 1"}`, nil, 400, ""},
		{"header injection in email", "/sign-up/email", `{"email":"a@x.io\r\nBcc: evil@x.io","name":"x","password":"correct horse 1"}`, nil, 400, ""},
		{"email too long", "/sign-up/email", `{"email":"` + strings.Repeat("a", 250) + `@example.com","name":"x","password":"correct horse 1"}`, nil, 400, ""},
		{"local part too long", "/sign-up/email", `{"email":"` + strings.Repeat("a", 65) + `@example.com","name":"x","password":"correct horse 1"}`, nil, 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := h.head()
			r := h.post(tt.path, tt.body, tt.headers)
			var b errorBody
			_ = json.Unmarshal(r.body, &b)
			if r.status != tt.status || b.Code == "" || (tt.code != "" && b.Code != tt.code) {
				t.Errorf("got %d %.200s, want %d %s", r.status, r.body, tt.status, tt.code)
			}
			if len(r.cookies) != 0 || h.head() != before {
				t.Errorf("state changed or cookie set")
			}
		})
	}
	if r := h.get("/ok", nil); r.status != 200 {
		t.Error("server unhealthy after bad input")
	}
}

// TestOriginChecks covers Better Auth's origin rules: trusted origins,
// Referer fallback, cross-site navigations and null origins.
func TestOriginChecks(t *testing.T) {
	h := newHarness(t)
	c, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	token := r.json(t)["token"].(string)
	tests := []struct {
		name    string
		path    string
		headers map[string]string
		status  int
		code    string
	}{
		{"cookie + foreign origin", "/update-user", map[string]string{"Cookie": c, "Origin": "https://evil.example"}, 403, "INVALID_ORIGIN"},
		{"cookie + null origin", "/update-user", map[string]string{"Cookie": c, "Origin": "null"}, 403, "MISSING_OR_NULL_ORIGIN"},
		{"cookie + no origin or referer", "/update-user", map[string]string{"Cookie": c, "Origin": ""}, 403, "MISSING_OR_NULL_ORIGIN"},
		{"cookie + trusted referer", "/update-user", map[string]string{"Cookie": c, "Origin": "", "Referer": testOrigin + "/settings"}, 200, ""},
		{"bearer + foreign origin", "/update-user", map[string]string{"Authorization": "Bearer " + token, "Origin": "https://evil.example"}, 200, ""},
		{"cookie + look-alike origin", "/update-user", map[string]string{"Cookie": c, "Origin": testOrigin + ".evil.example"}, 403, "INVALID_ORIGIN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := h.head()
			r := h.post(tt.path, `{"name":"changed"}`, tt.headers)
			if r.status != tt.status || (tt.code != "" && r.json(t)["code"] != tt.code) {
				t.Errorf("got %d %s", r.status, r.body)
			}
			if tt.status != 200 && h.head() != before {
				t.Error("state changed")
			}
		})
	}
	signIn := `{"email":"alice@example.com","password":"correct horse 1"}`
	r = h.post("/sign-in/email", signIn, map[string]string{"Origin": "https://evil.example"})
	if r.status != 403 || r.json(t)["code"] != "INVALID_ORIGIN" {
		t.Errorf("sign-in foreign origin: %d %s", r.status, r.body)
	}
	r = h.post("/sign-in/email", signIn, map[string]string{"Origin": "", "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"})
	if r.status != 403 || r.json(t)["code"] != "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED" {
		t.Errorf("cross-site navigation: %d %s", r.status, r.body)
	}
	g := h.get("/get-session", map[string]string{"Cookie": c, "Origin": "https://evil.example"})
	if g.status != 200 || string(g.body) == "null" {
		t.Errorf("GET must not be origin-checked: %d %s", g.status, g.body)
	}
}

// TestCallbackURLs: callbackURL, redirectTo and the other redirect fields
// accept trusted origins and same-site paths only.
func TestCallbackURLs(t *testing.T) {
	h := newHarness(t)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	bad := []string{"https://evil.test", "//evil.test", `/\\evil.test`, "https:evil.test",
		"https://127.0.0.1:3007@evil.test", "http://127.0.0.1:3007.evil.test", "javascript:alert(1)",
		"data:text/html,<script>alert(1)</script>", "%2F%2Fevil.test", "/\t/evil.test", "/ok\r\nSet-Cookie:x=y", "/ok%0d%0aSet-Cookie:x=y"}
	for _, u := range bad {
		ju, _ := json.Marshal(u)
		before := h.head()
		r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1","callbackURL":`+string(ju)+`}`, nil)
		if r.status != 403 && r.status != 400 {
			t.Errorf("callbackURL %q: %d %s", u, r.status, r.body)
		}
		if strings.ContainsAny(r.header.Get("Location"), "\r\n") || len(r.cookies) != 0 || h.head() != before {
			t.Errorf("callbackURL %q changed state", u)
		}
	}
	r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1","callbackURL":"/dashboard"}`, nil)
	if b := r.json(t); r.status != 200 || b["redirect"] != true || b["url"] != "/dashboard" {
		t.Errorf("relative callback: %d %s", r.status, r.body)
	}
}

// TestRateLimits: Better Auth's default limits per IP and path, with
// Retry-After, and a separate budget per client address.
func TestRateLimits(t *testing.T) {
	trusted := netip.MustParsePrefix("127.0.0.1/32")
	h := newHarness(t, func(c *Config) { c.RateLimit = true })
	body := `{"email":"nobody@example.com","password":"whatever123"}`
	for i := 1; i <= 4; i++ {
		// rotating X-Forwarded-For from an untrusted peer must not help
		r := h.post("/sign-in/email", body, map[string]string{"X-Forwarded-For": fmt.Sprintf("203.0.113.%d", i)})
		if i < 4 && r.status != 401 {
			t.Fatalf("attempt %d: %d", i, r.status)
		}
		if i == 4 {
			if r.status != 429 || r.header.Get("X-Retry-After") == "" ||
				string(r.body) != `{"message":"Too many requests. Please try again later."}` {
				t.Errorf("4th attempt: %d %v %s", r.status, r.header, r.body)
			}
		}
	}
	h.clock.Advance(11 * time.Second)
	if r := h.post("/sign-in/email", body, nil); r.status != 401 {
		t.Errorf("after the window: %d", r.status)
	}
	// behind a trusted proxy, X-Forwarded-For is the key
	p := newHarness(t, func(c *Config) { c.RateLimit = true; c.TrustedProxies = []netip.Prefix{trusted} })
	for i := 1; i <= 3; i++ {
		p.post("/sign-in/email", body, map[string]string{"X-Forwarded-For": "203.0.113.7"})
	}
	if r := p.post("/sign-in/email", body, map[string]string{"X-Forwarded-For": "203.0.113.7"}); r.status != 429 {
		t.Errorf("4th from the same forwarded IP: %d", r.status)
	}
	if r := p.post("/sign-in/email", body, map[string]string{"X-Forwarded-For": "203.0.113.8"}); r.status != 401 {
		t.Errorf("other forwarded IP: %d", r.status)
	}
}

// TestConcurrentSignUpsOneEmail: concurrent sign-ups with one address
// create exactly one person.
func TestConcurrentSignUpsOneEmail(t *testing.T) {
	h := newHarness(t)
	var wg sync.WaitGroup
	codes := make([]int, 20)
	for i := range codes {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			codes[i] = h.post("/sign-up/email", `{"email":"race@example.com","password":"correct horse 1","name":"R"}`, nil).status
		}(i)
	}
	wg.Wait()
	ok := 0
	for _, c := range codes {
		switch c {
		case 200:
			ok++
		case 422:
		default:
			t.Errorf("status %d", c)
		}
	}
	n := 0
	for _, e := range h.events() {
		if _, isSignUp := e.(person.SignedUp); isSignUp {
			n++
		}
	}
	if ok != 1 || n != 1 {
		t.Errorf("%d successes, %d person.signed_up events; want exactly one", ok, n)
	}
}

// TestSessionCookieAttributes: the session cookie is signed, HttpOnly,
// SameSite=Lax, scoped to /, and Secure behind https.
func TestSessionCookieAttributes(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.BaseURL = "https://auth.example.test"; c.TrustedOrigins = []string{testOrigin} })
	r := h.post("/sign-up/email", `{"email":"alice@example.com","password":"correct horse 1","name":"Alice"}`, nil)
	c := r.cookies[0]
	if !strings.HasPrefix(c, "__Secure-better-auth.session_token=") || !strings.Contains(c, "; Secure") ||
		!strings.Contains(c, "; HttpOnly") || !strings.Contains(c, "SameSite=Lax") || !strings.Contains(c, "Path=/") ||
		strings.Contains(strings.ToLower(c), "domain=") || len(c) > 4096 {
		t.Errorf("cookie %q", c)
	}
	// fixation: an attacker-chosen cookie is ignored and a fresh token issued
	h2 := newHarness(t)
	h2.signUp("alice@example.com", "correct horse 1", "Alice")
	fixed := "better-auth.session_token=" + signedFor(strings.Repeat("A", 32))
	r = h2.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, withCookie(fixed))
	if r.status != 200 || strings.Contains(cookieHeader(r), strings.Repeat("A", 32)) {
		t.Fatalf("sign-in with a planted cookie: %d %q", r.status, r.cookies)
	}
	if string(h2.get("/get-session", withCookie(fixed)).body) != "null" {
		t.Error("attacker value became valid")
	}
	t1 := r.json(t)["token"]
	t2 := h2.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil).json(t)["token"]
	if t1 == t2 {
		t.Error("sign-in reused a token")
	}
}

// TestSessionExpiry: expired sessions are refused and recorded, with a fake clock.
func TestSessionExpiry(t *testing.T) {
	h := newHarness(t)
	c, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	h.clock.Advance(7*24*time.Hour + time.Second)
	r := h.get("/list-sessions", withCookie(c))
	if r.status != 401 || len(r.cookies) == 0 {
		t.Errorf("expired session: %d %q", r.status, r.cookies)
	}
	found := false
	for _, e := range h.events() {
		if _, ok := e.(session.Expired); ok {
			found = true
		}
	}
	if !found {
		t.Error("no session.expired event")
	}
	if string(h.get("/get-session", withCookie(c)).body) != "null" {
		t.Error("expired session still served")
	}
	// activity keeps a session alive past its first expiry (sliding idle
	// window), but not past the absolute lifetime of 30 days
	c2 := cookieHeader(h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil))
	for day := 1; day <= 31; day++ {
		h.clock.Advance(24 * time.Hour)
		alive := string(h.get("/get-session", withCookie(c2)).body) != "null"
		if day < 30 && !alive {
			t.Fatalf("active session ended on day %d, before its absolute lifetime", day)
		}
		if day >= 30 && alive {
			t.Fatalf("session still alive on day %d, past the 30-day absolute lifetime", day)
		}
	}
}

// TestPasswordLengths: the minimum and maximum length (code points and
// bytes) through the API.
func TestPasswordLengths(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.PasswordPolicy = password.Policy{MinLength: 15, MaxLength: 256, MaxBytes: 4096, Blocklist: password.DefaultBlocklist(), RejectContext: true}
	})
	cases := []struct {
		pw     string
		status int
	}{
		{strings.Repeat("é", 14), 400},
		{strings.Repeat("é", 15), 200},
		{strings.Repeat("😀", 64), 200},
		{strings.Repeat("漢", 128), 200},
		{strings.Repeat("quietly orange paddle harbor ", 9)[:256], 200}, // 256 with spaces (a repeated "a b " is too guessable)
		{strings.Repeat("é", 257), 400},
	}
	for i, tc := range cases {
		addr := fmt.Sprintf("len%d@example.com", i)
		r := h.post("/sign-up/email", `{"email":"`+addr+`","password":"`+tc.pw+`","name":"L"}`, nil)
		if r.status != tc.status {
			t.Errorf("%d code points: %d %s", len([]rune(tc.pw)), r.status, r.body)
			continue
		}
		if tc.status != 200 {
			continue
		}
		if s := h.post("/sign-in/email", `{"email":"`+addr+`","password":"`+tc.pw+`"}`, nil).status; s != 200 {
			t.Errorf("sign-in with %d code points: %d", len([]rune(tc.pw)), s)
		}
		pw := []rune(tc.pw)
		for _, variant := range []string{string(pw[:len(pw)-1]), strings.ToUpper(tc.pw) + "X", tc.pw + " "} {
			vj, _ := json.Marshal(variant)
			if s := h.post("/sign-in/email", `{"email":"`+addr+`","password":`+string(vj)+`}`, nil).status; s == 200 {
				t.Errorf("variant accepted: %d", s)
			}
		}
	}
}

// TestStoredCredentialFormat checks the stored PHC format with production parameters
// and checks that no secret is readable in the log (item 55).
func TestStoredCredentialFormat(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Hasher = password.NewHasher(password.DefaultParams(), 2) })
	_, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	token := r.json(t)["token"].(string)
	re := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	found := false
	for _, e := range h.events() {
		if a, ok := e.(account.Created); ok {
			found = re.MatchString(a.PasswordHash)
		}
	}
	if !found {
		t.Error("stored credential does not match the production PHC format")
	}
	recs, _ := h.store.ReadAll(context.Background(), eventstore.Position{}, 1000)
	for _, rec := range recs {
		raw := string(rec.Data) + string(rec.Meta)
		for _, secret := range []string{"correct horse 1", token, "alice@example.com", "$argon2id", "Alice"} {
			if strings.Contains(raw, secret) {
				t.Errorf("%s record contains %q in the clear", rec.Type, secret)
			}
		}
	}
	if strings.Contains(h.logs.String(), "correct horse 1") || strings.Contains(h.logs.String(), token) {
		t.Error("a secret reached the log")
	}
}

// failingStore makes Append fail, as a broken database would.
type failingStore struct {
	eventstore.Store
	fail bool
	mu   sync.Mutex
}

func (f *failingStore) Append(ctx context.Context, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	f.mu.Lock()
	fail := f.fail
	f.mu.Unlock()
	if fail {
		return eventstore.Position{}, fmt.Errorf("disk on fire: %w", eventstore.ErrUnavailable)
	}
	return f.Store.Append(ctx, reqs...)
}

// TestStoreFailureFailsClosed: a store that fails makes the API answer
// 503, never a session.
func TestStoreFailureFailsClosed(t *testing.T) {
	fs := &failingStore{Store: memory.New()}
	h := newHarnessOn(t, fs)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	fs.mu.Lock()
	fs.fail = true
	fs.mu.Unlock()
	before := h.head()
	r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil)
	if r.status < 500 || len(r.cookies) != 0 || h.head() != before || strings.Contains(string(r.body), "disk") {
		t.Errorf("store failure: %d %s %q", r.status, r.body, r.cookies)
	}
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Errorf("want 503 with Retry-After, got %d", r.status)
	}
}

// TestSignInBackoff: failures are counted per submitted address, whatever
// the IP and whether or not the address has an account; after ten wrong
// passwords both get the same 429 ACCOUNT_LOCKED with Retry-After (the
// right password refused too), the backoff ends by itself and a success
// clears the count. The peer (127.0.0.1) is a trusted proxy and every
// attempt comes from another forwarded address, which the audit metadata
// must show: a count kept per client address would never lock.
func TestSignInBackoff(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")} })
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	b := signin.DefaultBackoff()
	type answer struct {
		status      int
		body, retry string
	}
	run := func(addr string, net int) []answer {
		var got []answer
		for i := range 10 {
			h.clock.Advance(b.Delay(i))
			r := h.post("/sign-in/email", `{"email":"`+addr+`","password":"wrong one"}`,
				map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.%d.%d", net, i)})
			got = append(got, answer{r.status, string(r.body), r.header.Get("Retry-After")})
			// each failure, taken when the backoff allows it, is Better Auth's plain 401
			if r.status != 401 || !strings.Contains(string(r.body), `"code":"INVALID_EMAIL_OR_PASSWORD"`) ||
				r.header.Get("Retry-After") != "" {
				t.Errorf("%s, failure %d from 198.51.%d.%d: %d %s (Retry-After %q), want 401 INVALID_EMAIL_OR_PASSWORD",
					addr, i+1, net, i, r.status, r.body, r.header.Get("Retry-After"))
			}
		}
		r := h.post("/sign-in/email", `{"email":"`+addr+`","password":"correct horse 1"}`,
			map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.%d.200", net)})
		return append(got, answer{r.status, string(r.body), r.header.Get("X-Retry-After")})
	}
	known, unknown := run("alice@example.com", 100), run("nobody@example.com", 100)
	if !slices.Equal(known, unknown) {
		t.Errorf("known and unknown addresses answered differently:\n%v\n%v", known, unknown)
	}
	ips := map[string]bool{}
	_, metas := h.recordsOf(signin.TypeFailed)
	for _, m := range metas {
		ips[m.IP] = true
	}
	if len(ips) < 10 || ips["127.0.0.1"] {
		t.Errorf("the sign-in events recorded the client addresses %v: want the ten forwarded ones, not the proxy", ips)
	}
	if last := known[10]; last.status != 429 || !strings.Contains(last.body, `"code":"ACCOUNT_LOCKED"`) || last.retry != "16" {
		t.Errorf("after ten failures: %+v, want 429 ACCOUNT_LOCKED with X-Retry-After 16", last)
	}
	if first := known[0]; first.status != 401 || !strings.Contains(first.body, `"code":"INVALID_EMAIL_OR_PASSWORD"`) || first.retry != "" {
		t.Errorf("a free failure: %+v, want Better Auth's 401", first)
	}
	h.clock.Advance(16 * time.Second)
	if r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil); r.status != 200 {
		t.Errorf("after the backoff: %d %s", r.status, r.body)
	}
	for range 5 {
		h.post("/sign-in/email", `{"email":"alice@example.com","password":"wrong one"}`, nil)
	}
	if r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil); r.status != 200 {
		t.Errorf("success did not clear the count: %d %s", r.status, r.body)
	}
}

// TestPasswordRehash: a hash under old parameters is
// upgraded on login with exactly one account.password_rehashed event.
func TestPasswordRehash(t *testing.T) {
	store := memory.New()
	old := newHarnessOn(t, store)
	old.signUp("alice@example.com", "correct horse 1", "Alice")
	newer := password.Params{Memory: 128, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	h := newHarnessOn(t, store, func(c *Config) { c.Hasher = password.NewHasher(newer, 2) })
	for range 2 {
		if r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil); r.status != 200 {
			t.Fatalf("%d %s", r.status, r.body)
		}
	}
	n := 0
	for _, e := range h.events() {
		if rh, ok := e.(account.PasswordRehashed); ok {
			n++
			if !strings.HasPrefix(rh.PasswordHash, "$argon2id$v=19$m=128,t=1,p=1$") {
				t.Errorf("rehash %s", rh.PasswordHash[:30])
			}
		}
	}
	if n != 1 {
		t.Errorf("%d rehash events, want 1", n)
	}
}

// TestHashBusyIs503 covers the bound on concurrent hashes.
func TestHashBusyIs503(t *testing.T) {
	slow := password.Params{Memory: 8 * 1024, Time: 3, Threads: 1, SaltLen: 16, KeyLen: 32}
	hs := password.NewHasher(slow, 1)
	hs.BusyWait = time.Millisecond
	h := newHarness(t, func(c *Config) { c.Hasher = hs })
	var wg sync.WaitGroup
	var mu sync.Mutex
	busy := 0
	for i := range 8 {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := h.post("/sign-in/email", fmt.Sprintf(`{"email":"n%d@example.com","password":"whatever123"}`, i), nil)
			if r.status == 503 {
				mu.Lock()
				busy++
				mu.Unlock()
				if r.header.Get("Retry-After") == "" {
					t.Error("503 without Retry-After")
				}
			} else if r.status != 401 {
				t.Errorf("status %d", r.status)
			}
		}(i)
	}
	wg.Wait()
	if busy == 0 {
		t.Error("no request was refused although only one hash may run")
	}
}

var _ = errors.Is
