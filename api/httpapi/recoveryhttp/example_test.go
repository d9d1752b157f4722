package recoveryhttp_test

import (
	"fmt"
	"net/http"

	"github.com/authledger/authledger/api/httpapi/recoveryhttp"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
	"github.com/authledger/authledger/api/recovery"
)

// Example mounts the password-reset routes on a bare Echo and asks for a
// reset of an unknown address (the answer is the same as for a known one),
// then follows a link whose token is not pending.
func Example() {
	env := wiretest.Start()
	defer env.Close()
	svc := recovery.New(env.App, env.Sessions, recovery.Config{BaseURL: wiretest.BaseURL})
	defer svc.Wait()
	e := wiretest.Mount(recoveryhttp.New(env.Kit, svc))

	rec := wiretest.Do(e, http.MethodPost, "/api/auth/request-password-reset", `{"email":"ghost@example.com"}`)
	fmt.Println(rec.Code, rec.Body.String())
	rec = wiretest.Do(e, http.MethodGet, "/api/auth/reset-password/nope?callbackURL=%2Freset", "")
	fmt.Println(rec.Code, rec.Header().Get("Location"))
	// Output:
	// 200 {"status":true,"message":"If this email exists in our system, check your email for the reset link"}
	// 302 https://auth.example.com/reset?error=INVALID_TOKEN
}
