package authhttp_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/authhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/labstack/echo/v4"
)

const secret = "example-secret-example-secret-example-0123456789"

// Example mounts the identity routes on a bare Echo (the server adds its
// middleware, origin checks and error table around them), signs up over
// HTTP and reads the session back with the cookie it set.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(secret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	a, _ := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: ontmemory.New(), Index: sessionindex.New(),
		Hasher: password.NewHasher(password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 2),
		Secret: []byte(secret)})
	go func() { _ = a.Index.Follow(ctx, store, codec) }()
	sess := sessions.New(a, sessions.Config{})
	ids, _ := identity.New(a, sess, nil, identity.Config{})
	kit := &wire.Kit{Cookies: cookies.Config{Secret: []byte(secret)}, Sessions: sess}

	e := echo.New()
	g := e.Group("/api/auth", readBody)
	for _, r := range authhttp.New(kit, ids, nil).AuthRoutes() {
		g.Add(r.Method, r.Path, r.Handler)
	}
	up := serve(e, http.MethodPost, "/api/auth/sign-up/email", `{"name":"Ada","email":"ada@example.com","password":"correct horse 1"}`, "")
	fmt.Println("sign-up:", up.Code)
	cookie := strings.SplitN(up.Header().Get("Set-Cookie"), ";", 2)[0]
	got := serve(e, http.MethodGet, "/api/auth/get-session", "", cookie)
	var body wire.SessionAndUser
	_ = json.Unmarshal(got.Body.Bytes(), &body)
	fmt.Println("get-session:", got.Code, body.User.Name, body.User.Email)
	// Output:
	// sign-up: 200
	// get-session: 200 Ada ada@example.com
}

// readBody stands in for the server's body-limit middleware.
func readBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		b, _ := io.ReadAll(c.Request().Body)
		wire.SetBody(c, b)
		return next(c)
	}
}

func serve(h http.Handler, method, path, body, cookie string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if cookie != "" {
		r.Header.Set("Cookie", cookie)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}
