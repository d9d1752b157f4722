package orghttp_test

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/authledger/authledger/api/httpapi/orghttp"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/domain/group"
)

// Example mounts the organization feature on a bare Echo instance (the
// server adds its middleware: body limit, origin checks, rate limits,
// error statuses from Statuses) and creates an organization with a bearer
// token.
func Example() {
	env := wiretest.Start()
	defer env.Close()
	_, token := env.SignUp("Alice", "alice@example.com")
	f := orghttp.New(env.Kit, orgs.New(env.App, env.Sessions, orgs.Config{}))
	e := wiretest.Mount(f)

	rec := wiretest.Do(e, http.MethodPost, "/api/auth/organization/create", `{"name":"Acme","slug":"acme"}`,
		"Authorization: Bearer "+token)
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), `"slug":"acme"`))
	fmt.Println(len(f.AuthRoutes()), "routes;", group.CodeNotRecipient, "is", f.Statuses()[group.CodeNotRecipient])
	// Output:
	// 200 true
	// 22 routes; YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION is 403
}
