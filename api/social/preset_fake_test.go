package social

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"golang.org/x/oauth2"
)

// presetClock is the fixed time of the preset tests.
var presetClock = time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC)

// recorded replays a provider's documented endpoints: every call a preset
// makes, whatever its host, reaches one httptest server (through the
// client's transport), which answers the documented host and path with
// the recorded response of testdata/presets/<preset>/. Token responses
// carry an ID token signed at test time with a key the recorded JWKS
// publishes.
type recorded struct {
	t      *testing.T
	preset string
	srv    *httptest.Server
	key    *rsa.PrivateKey

	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	// forms are the token requests' forms, in order.
	forms []url.Values
	// auth are the token requests' Authorization headers, in order.
	auth []string
	// headers are the last request headers by route.
	headers map[string]http.Header
}

// newRecorded serves testdata/presets/<preset>/.
func newRecorded(t *testing.T, preset string) *recorded {
	t.Helper()
	r := &recorded{t: t, preset: preset, key: recordedKey(), routes: map[string]http.HandlerFunc{}, headers: map[string]http.Header{}}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

// recordedKey is the providers' signing key, made once for the package.
var recordedKey = sync.OnceValue(func() *rsa.PrivateKey {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return key
})

// serve answers "METHOD host/path" as routed, else 404.
func (r *recorded) serve(w http.ResponseWriter, req *http.Request) {
	route := req.Method + " " + req.Header.Get("X-Recorded-Host") + req.URL.Path
	r.mu.Lock()
	h, ok := r.routes[route]
	r.mu.Unlock()
	if !ok {
		r.t.Errorf("unexpected call %s", route)
		http.NotFound(w, req)
		return
	}
	h(w, req)
}

// via puts the preset's client in the context: it sends every request to
// the server, telling it which host was meant.
func (r *recorded) via(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Transport: redirectAll{to: r.srv.URL}})
}

// redirectAll sends every request to one server.
type redirectAll struct{ to string }

func (a redirectAll) RoundTrip(req *http.Request) (*http.Response, error) {
	to, _ := url.Parse(a.to)
	out := req.Clone(req.Context())
	out.Header.Set("X-Recorded-Host", req.URL.Host)
	out.URL.Scheme, out.URL.Host, out.Host = to.Scheme, to.Host, to.Host
	return http.DefaultTransport.RoundTrip(out)
}

// fixture reads testdata/presets/<preset>/<name>.
func (r *recorded) fixture(name string) []byte {
	r.t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "presets", r.preset, name))
	if err != nil {
		r.t.Fatal(err)
	}
	return b
}

// json answers route with the fixture, recording the request's headers.
func (r *recorded) json(route, name string) {
	body := r.fixture(name)
	r.handle(route, func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.headers[route] = req.Header.Clone()
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	})
}

// jwks answers route with the public key as a JSON Web Key Set.
func (r *recorded) jwks(route string) {
	r.handle(route, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
			{Key: &r.key.PublicKey, KeyID: "recorded-1", Algorithm: "RS256", Use: "sig"}}})
	})
}

// token answers route with the token fixture (JSON, or form-encoded for
// a .form file), its "{{id_token}}" replaced
// by an ID token carrying claims (see idToken); the request's form and
// headers are recorded.
func (r *recorded) token(route, name string, claims map[string]any) {
	body := r.fixture(name)
	if claims != nil {
		body = bytes.ReplaceAll(body, []byte("{{id_token}}"), []byte(r.idToken(claims)))
	}
	r.handle(route, func(w http.ResponseWriter, req *http.Request) {
		_ = req.ParseForm()
		r.mu.Lock()
		r.forms = append(r.forms, req.PostForm)
		r.auth = append(r.auth, req.Header.Get("Authorization"))
		r.headers[route] = req.Header.Clone()
		r.mu.Unlock()
		w.Header().Set("Content-Type", contentType(name))
		_, _ = w.Write(body)
	})
}

// contentType is a fixture's: form-encoded for .form files, else JSON.
func contentType(name string) string {
	if strings.HasSuffix(name, ".form") {
		return "application/x-www-form-urlencoded; charset=utf-8"
	}
	return "application/json; charset=utf-8"
}

func (r *recorded) handle(route string, h http.HandlerFunc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.routes[route] = h
}

// claims reads the fixture's ID token claims, dated by presetClock (iat
// now, exp in an hour) unless they say otherwise, with over's claims set
// (a nil value removes one).
func (r *recorded) claims(name string, over map[string]any) map[string]any {
	var c map[string]any
	if err := json.Unmarshal(r.fixture(name), &c); err != nil {
		r.t.Fatal(err)
	}
	c["iat"], c["exp"] = presetClock.Unix(), presetClock.Add(time.Hour).Unix()
	for k, v := range over {
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
	}
	return c
}

// idToken signs claims RS256 with the key of the recorded JWKS.
func (r *recorded) idToken(claims map[string]any) string {
	b, err := json.Marshal(claims)
	if err != nil {
		r.t.Fatal(err)
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: r.key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "recorded-1"))
	if err != nil {
		r.t.Fatal(err)
	}
	obj, err := s.Sign(b)
	if err != nil {
		r.t.Fatal(err)
	}
	out, _ := obj.CompactSerialize()
	return out
}

// upstream builds p's preset upstream against the recorded endpoints.
func (r *recorded) upstream(p Provider) upstream {
	r.t.Helper()
	up, err := newPresetUpstream(p, presetEnv{redirectURL: "https://auth.example.com/api/auth/callback/" + p.ID,
		via: r.via, now: func() time.Time { return presetClock }})
	if err != nil {
		r.t.Fatal(err)
	}
	return up
}

// flowRequest is the authorization request of the preset tests.
var flowRequest = authRequest{State: "state-1", Verifier: "verifier-0123456789-0123456789-0123456789-0", Nonce: "nonce-1"}

// signIn runs the code half of a flow: exchange, then identify with the
// flow's nonce.
func (r *recorded) signIn(up upstream) (identity, error) {
	r.t.Helper()
	ctx := context.Background()
	tok, err := up.exchange(ctx, "recorded-code", flowRequest.Verifier)
	if err != nil {
		return identity{}, err
	}
	return up.identify(ctx, tok, flowRequest.Nonce)
}

// lastForm is the last token request's form.
func (r *recorded) lastForm() url.Values {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.forms) == 0 {
		r.t.Fatal("no token request")
	}
	return r.forms[len(r.forms)-1]
}

// applePEM is a fresh Apple private key as the .p8 file holds it.
func applePEM(t *testing.T) string {
	t.Helper()
	pemText, _ := appleKeyPair(t)
	return pemText
}

// appleKeyPair is a fresh P-256 key: its PKCS #8 PEM and the key.
func appleKeyPair(t *testing.T) (string, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), key
}

// basicAuth is the Authorization header of HTTP Basic authentication.
func basicAuth(user, pass string) string {
	req, _ := http.NewRequest(http.MethodGet, "http://x", nil)
	req.SetBasicAuth(user, pass)
	return req.Header.Get("Authorization")
}
