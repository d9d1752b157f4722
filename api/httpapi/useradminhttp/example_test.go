package useradminhttp_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/useradminhttp"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/useradmin"
)

// Example mounts the admin plugin routes on a bare Echo: a user is
// refused with Better Auth's code until the operator grants them the
// admin role; then the same call sets another person's role.
func Example() {
	env := wiretest.Start()
	defer env.Close()
	id, err := identity.New(env.App, env.Sessions, nil, identity.Config{})
	if err != nil {
		panic(err)
	}
	svc := useradmin.New(env.App, env.Sessions, id, compliance.New(env.App, compliance.Deps{}), useradmin.Config{})
	e := wiretest.Mount(useradminhttp.New(env.Kit, svc))
	ada, token := env.SignUp("Ada", "ada@example.com")
	bob, _ := env.SignUp("Bob", "bob@example.com")
	body := `{"userId":"` + bob + `","role":"support"}`

	rec := wiretest.Do(e, http.MethodPost, "/api/auth/admin/set-role", body, "Authorization: Bearer "+token)
	fmt.Println(rec.Code, rec.Body.String())
	if _, err := svc.OperatorSetRole(context.Background(), useradmin.OperatorSetRoleInput{Caller: app.Caller{},
		Actor: "admin-cli", IDOrKey: ada, Role: "admin"}); err != nil {
		panic(err)
	}
	rec = wiretest.Do(e, http.MethodPost, "/api/auth/admin/set-role", body, "Authorization: Bearer "+token)
	u, _ := env.Sessions.User(bob)
	fmt.Println(rec.Code, u.Role)
	// Output:
	// 403 {"code":"YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE","message":"You are not allowed to change users role"}
	// 200 support
}
