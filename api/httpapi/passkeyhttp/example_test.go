package passkeyhttp_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/authledger/authledger/api/httpapi/passkeyhttp"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
	"github.com/authledger/authledger/api/passkeys"
)

// Example mounts the passkey routes on a bare Echo and begins a
// discoverable sign-in: the options for the browser, the ceremony in the
// signed challenge cookie.
func Example() {
	env := wiretest.Start()
	defer env.Close()
	svc := passkeys.New(env.App, env.Sessions, passkeys.Config{}.Resolve(wiretest.BaseURL, nil))
	e := wiretest.Mount(passkeyhttp.New(env.Kit, svc))

	rec := wiretest.Do(e, http.MethodGet, "/api/auth/passkey/generate-authenticate-options", "")
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
