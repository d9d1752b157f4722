package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore/registry"

	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/authledger/authledger/projections"
)

const (
	testOrigin = "http://127.0.0.1:3007"
	testSecret = "test-secret-test-secret-test-secret-0123456789"
	adminKey   = "admin-key-for-tests-0123456789abcdef"
)

// cheapParams keeps Argon2id fast in tests (production parameters are checked by their own tests).
var cheapParams = password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// harness is a running Server on the real memory adapters with the real
// projection runner.
type harness struct {
	t      testing.TB
	srv    *Server
	store  eventstore.Store
	codec  *eventstore.Codec
	runner *projections.Runner
	read   *ontmemory.Store
	http   *httptest.Server
	clock  *clock
	logs   *bytes.Buffer
}

type option func(*Config)

func newHarness(t testing.TB, opts ...option) *harness {
	t.Helper()
	return newHarnessOn(t, memory.New(), opts...)
}

func newHarnessOn(t testing.TB, store eventstore.Store, opts ...option) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reg := registry.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(testSecret)))
	codec := eventstore.NewCodec(reg, keys)
	read := ontmemory.New()
	runner, err := projections.NewRunner(store, codec, read, projections.All(), projections.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	logs := &bytes.Buffer{}
	cfg := Config{Store: store, Codec: codec, Keys: keys, Read: read, Projections: runner,
		Secret: []byte(testSecret), BaseURL: "http://127.0.0.1:8080", TrustedOrigins: []string{testOrigin},
		AdminKey: adminKey, Hasher: password.NewHasher(cheapParams, 4), Now: clk.Now,
		Logger: slog.New(slog.NewTextHandler(&lockedWriter{w: logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	mails := srv.Mailer().Subscriber(&outbox.Memory{})
	mails.Retry = outbox.Retry{Initial: time.Millisecond, Max: 10 * time.Millisecond, Attempts: 3}
	if err := mails.Init(ctx); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); _ = srv.Run(ctx) }()
	go func() { defer wg.Done(); _ = runner.Run(ctx) }()
	go func() { defer wg.Done(); _ = mails.Run(ctx) }()
	h := &harness{t: t, srv: srv, store: store, codec: codec, runner: runner, read: read, clock: clk, logs: logs}
	h.http = httptest.NewServer(srv.Handler())
	t.Cleanup(func() { h.http.Close(); cancel(); wg.Wait() })
	return h
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// req describes one HTTP request.
type req struct {
	method, path string
	body         string
	headers      map[string]string
}

// resp is a fully read response.
type resp struct {
	status  int
	header  http.Header
	body    []byte
	cookies []string
}

func (r resp) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	return m
}

// do sends a request; JSON content type and the trusted Origin are added
// for POSTs unless the headers say otherwise (an empty value removes one).
func (h *harness) do(r req) resp {
	h.t.Helper()
	var rd io.Reader
	if r.body != "" {
		rd = strings.NewReader(r.body)
	}
	hr, err := http.NewRequest(r.method, h.http.URL+r.path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	if r.method == http.MethodPost {
		hr.Header.Set("Content-Type", "application/json")
		hr.Header.Set("Origin", testOrigin)
	}
	for k, v := range r.headers {
		if v == "" {
			hr.Header.Del(k)
		} else {
			hr.Header.Set(k, v)
		}
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: b, cookies: res.Header.Values("Set-Cookie")}
}

func (h *harness) post(path, body string, headers map[string]string) resp {
	h.t.Helper()
	return h.do(req{method: http.MethodPost, path: "/api/auth" + path, body: body, headers: headers})
}

func (h *harness) get(path string, headers map[string]string) resp {
	h.t.Helper()
	return h.do(req{method: http.MethodGet, path: "/api/auth" + path, headers: headers})
}

// signUp creates a user and returns the session cookie header value.
func (h *harness) signUp(email, pw, name string) (cookie string, r resp) {
	h.t.Helper()
	r = h.post("/sign-up/email", `{"email":"`+email+`","password":"`+pw+`","name":"`+name+`"}`, nil)
	if r.status != 200 {
		h.t.Fatalf("sign-up %s: %d %s", email, r.status, r.body)
	}
	return cookieHeader(r), r
}

// cookieHeader turns the Set-Cookie of the session token into a Cookie header.
func cookieHeader(r resp) string {
	for _, c := range r.cookies {
		if strings.HasPrefix(c, "better-auth.session_token=") {
			return strings.SplitN(c, ";", 2)[0]
		}
	}
	return ""
}

func withCookie(c string) map[string]string { return map[string]string{"Cookie": c} }

// head returns the event store head (to prove "no state change").
func (h *harness) head() eventstore.Position {
	h.t.Helper()
	p, err := h.store.Head(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

// projected waits until the projections have applied the whole log: for
// a test that reads the read store directly (requests that read through
// the projections wait for them themselves, commands do not).
func (h *harness) projected() {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.runner.WaitFor(ctx, h.head()); err != nil {
		h.t.Fatalf("projections: %v", err)
	}
}

// events decodes every stored event, in order.
func (h *harness) events() []domain.Event {
	h.t.Helper()
	recs, err := h.store.ReadAll(context.Background(), eventstore.Position{}, 100000)
	if err != nil {
		h.t.Fatal(err)
	}
	out := make([]domain.Event, 0, len(recs))
	for _, r := range recs {
		ev, _, err := h.codec.Decode(context.Background(), r)
		if err != nil {
			h.t.Fatal(err)
		}
		out = append(out, ev)
	}
	return out
}

// eventTypes lists stored event types, in order.
func (h *harness) eventTypes() []string {
	var out []string
	for _, e := range h.events() {
		out = append(out, e.EventType())
	}
	return out
}

var _ = catalog.Events

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// signedFor returns a correctly signed, URL-encoded cookie value for token.
func signedFor(token string) string {
	return cookies.EncodeURIComponent(cookies.Sign([]byte(testSecret), token))
}

func stringsReader(s string) io.Reader { return strings.NewReader(s) }
