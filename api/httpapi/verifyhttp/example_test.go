package verifyhttp_test

import (
	"fmt"
	"net/http"

	"github.com/authledger/authledger/api/httpapi/verifyhttp"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/verification"
)

// Example mounts the email-verification routes on a bare Echo, asks for a
// link to an unknown address (answered like a known one), and follows a
// link whose token is not pending, with and without a callback.
func Example() {
	env := wiretest.Start()
	defer env.Close()
	svc := verification.New(env.App, env.Sessions, verification.Config{Mailer: &mail.Recorder{}, BaseURL: wiretest.BaseURL})
	defer svc.Wait()
	e := wiretest.Mount(verifyhttp.New(env.Kit, svc))

	rec := wiretest.Do(e, http.MethodPost, "/api/auth/send-verification-email", `{"email":"ghost@example.com"}`)
	fmt.Println(rec.Code, rec.Body.String())
	rec = wiretest.Do(e, http.MethodGet, "/api/auth/verify-email?token=nope&callbackURL=%2Fwelcome", "")
	fmt.Println(rec.Code, rec.Header().Get("Location"))
	rec = wiretest.Do(e, http.MethodGet, "/api/auth/verify-email?token=nope", "")
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 200 {"status":true}
	// 302 /welcome?error=INVALID_TOKEN
	// 401 {"message":"Invalid token","code":"INVALID_TOKEN"}
}
