package deletehttp_test

import (
	"fmt"
	"net/http"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/httpapi/deletehttp"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain/password"
)

// Example mounts the delete-account routes on a bare Echo and deletes a
// freshly signed-in person's account (no password: the session is fresh);
// the erasure ends the session.
func Example() {
	env := wiretest.Start()
	defer env.Close()
	svc := deletion.New(env.App, env.Sessions, identity.NewPasswords(env.App, password.DefaultPolicy()),
		compliance.New(env.App, compliance.Deps{}), deletion.Config{Enabled: true})
	e := wiretest.Mount(deletehttp.New(env.Kit, svc))
	_, token := env.SignUp("Ann", "ann@example.com")

	rec := wiretest.Do(e, http.MethodPost, "/api/auth/delete-user", `{}`, "Authorization: Bearer "+token)
	fmt.Println(rec.Code, rec.Body.String())
	_, live, _ := env.Sessions.Lookup(token)
	fmt.Println("session live:", live)
	// Output:
	// 200 {"success":true,"message":"User deleted"}
	// session live: false
}
