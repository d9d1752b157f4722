package passkeyhttp_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/passkeyhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/labstack/echo/v4"
)

// Example mounts the passkey routes on a bare Echo and begins a
// discoverable sign-in: the options for the browser, the ceremony in the
// signed challenge cookie.
func Example() {
	secret := []byte("example-secret-example-secret-0123456789")
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK(secret))
	a, err := app.New(app.Deps{Store: store, Codec: eventstore.NewCodec(registry.New(), keys), Keys: keys,
		Read: ontmemory.New(), Index: sessionindex.New(), Secret: secret})
	if err != nil {
		fmt.Println(err)
		return
	}
	sess := sessions.New(a, sessions.Config{})
	svc := passkeys.New(a, sess, passkeys.Config{}.Resolve("https://auth.example.com", nil))
	f := passkeyhttp.New(&wire.Kit{Cookies: cookies.Config{Secret: secret, Secure: true}, Sessions: sess}, svc)

	e := echo.New()
	for _, r := range f.AuthRoutes() {
		e.Add(r.Method, "/api/auth"+r.Path, r.Handler)
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/api/auth/passkey/generate-authenticate-options", nil))
	var opts struct {
		RPID    string `json:"rpId"`
		Timeout int    `json:"timeout"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &opts)
	fmt.Println(rec.Code, opts.RPID, opts.Timeout)
	fmt.Println(strings.HasPrefix(rec.Header().Get("Set-Cookie"), "__Secure-better-auth.better-auth-passkey="))
	// Output:
	// 200 auth.example.com 60000
	// true
}
