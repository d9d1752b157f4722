package adminhttp_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/httpapi/adminhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
	"github.com/labstack/echo/v4"
)

// mount starts a kernel with one person, Ada, and mounts the admin routes
// under /v1; the caller closes the Env.
func mount() (*wiretest.Env, *echo.Echo, string) {
	env := wiretest.Start()
	pid, _ := env.SignUp("Ada", "ada@example.com")
	f := adminhttp.New(env.Kit, admin.New(env.App, env.Sessions), func(c echo.Context, dst any) error {
		return wire.Decode(c, dst)
	})
	return env, wiretest.Mount(f), pid
}

// Example bans a person and reads the people dimension with the ban's
// position as X-Consistency-Token, so the answer reflects it.
func Example() {
	env, e, pid := mount()
	defer env.Close()
	rec := wiretest.Do(e, http.MethodPost, "/v1/people/"+pid+"/ban", `{"reason":"abuse"}`)
	fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	head, _ := env.Store.Head(context.Background())
	rec = wiretest.Do(e, http.MethodGet, "/v1/ontology/people?status=banned", "", "X-Consistency-Token: "+head.String())
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), `"email":"ada@example.com"`))
	rec = wiretest.Do(e, http.MethodGet, "/v1/ontology/people", "", "X-Consistency-Token: garbage")
	fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	// Output:
	// 200 {"status":true}
	// 200 true
	// 400 {"code":"VALIDATION_ERROR","message":"malformed X-Consistency-Token"}
}
