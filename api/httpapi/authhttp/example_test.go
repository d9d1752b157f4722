package authhttp_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/authledger/authledger/api/httpapi/authhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
	"github.com/authledger/authledger/api/identity"
)

// Example mounts the identity routes on a bare Echo (the server adds its
// middleware, origin checks and error table around them), signs up over
// HTTP and reads the session back with the cookie it set.
func Example() {
	env := wiretest.Start()
	defer env.Close()
	ids, err := identity.New(env.App, env.Sessions, nil, identity.Config{})
	if err != nil {
		panic(err)
	}
	f := authhttp.New(env.Kit, ids, nil)
	e := wiretest.Mount(f)

	up := wiretest.Do(e, http.MethodPost, "/api/auth/sign-up/email",
		`{"name":"Ada","email":"ada@example.com","password":"correct horse 1"}`)
	fmt.Println("sign-up:", up.Code)
	cookie := strings.SplitN(up.Header().Get("Set-Cookie"), ";", 2)[0]
	got := wiretest.Do(e, http.MethodGet, "/api/auth/get-session", "", "Cookie: "+cookie)
	var body wire.SessionAndUser
	_ = json.Unmarshal(got.Body.Bytes(), &body)
	fmt.Println("get-session:", got.Code, body.User.Name, body.User.Email)
	// Output:
	// sign-up: 200
	// get-session: 200 Ada ada@example.com
}
