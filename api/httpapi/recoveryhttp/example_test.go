package recoveryhttp_test

import (
	"fmt"
	"io"
	"net/http/httptest"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/httpapi/recoveryhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/origin"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/labstack/echo/v4"
)

// Example mounts the password-reset routes on a bare Echo (with the one
// middleware they need: the server's, which reads the body) and asks for
// a reset, then follows a link whose token is not pending.
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
	checker, _ := origin.New("https://auth.example.com")
	sess := sessions.New(a, sessions.Config{})
	svc := recovery.New(a, sess, recovery.Config{BaseURL: "https://auth.example.com"})
	defer svc.Wait()
	f := recoveryhttp.New(&wire.Kit{Origins: checker, Sessions: sess}, svc)

	e := echo.New()
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			b, _ := io.ReadAll(c.Request().Body)
			wire.SetBody(c, b)
			return next(c)
		}
	})
	for _, r := range f.AuthRoutes() {
		e.Add(r.Method, "/api/auth"+r.Path, r.Handler)
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("POST", "/api/auth/request-password-reset", strings.NewReader(`{"email":"ghost@example.com"}`)))
	fmt.Println(rec.Code, rec.Body.String())

	rec = httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/api/auth/reset-password/nope?callbackURL=%2Freset", nil))
	fmt.Println(rec.Code, rec.Header().Get("Location"))
	// Output:
	// 200 {"status":true,"message":"If this email exists in our system, check your email for the reset link"}
	// 302 https://auth.example.com/reset?error=INVALID_TOKEN
}
