package keyshttp_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/authledger/authledger/api/httpapi/keyshttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
	"github.com/authledger/authledger/api/operatorkeys"
	"github.com/labstack/echo/v4"
)

// Example creates a key (its token answered once), lists the keys without
// any secret, revokes the key and refuses an unknown scope. (The server
// checks the caller's key and its admin:keys scope around these routes.)
func Example() {
	env := wiretest.Start()
	defer env.Close()
	svc := operatorkeys.NewOneShot(env.App)
	e := wiretest.Mount(keyshttp.New(env.Kit, svc, func(c echo.Context, dst any) error { return wire.Decode(c, dst) }))

	rec := wiretest.Do(e, http.MethodPost, "/v1/keys", `{"name":"auditor","scopes":["audit:read"]}`)
	var created struct{ ID, Token string }
	_ = json.Unmarshal(rec.Body.Bytes(), &created)
	fmt.Println(rec.Code, strings.HasPrefix(created.Token, "alk_"+created.ID+"_"))

	rec = wiretest.Do(e, http.MethodGet, "/v1/keys", "")
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), `"name":"auditor","scopes":["audit:read"]`),
		strings.Contains(rec.Body.String(), created.Token[len(created.Token)-64:]))

	rec = wiretest.Do(e, http.MethodDelete, "/v1/keys/"+created.ID, "")
	fmt.Println(rec.Code, !strings.Contains(rec.Body.String(), `"revokedAt":null`))

	rec = wiretest.Do(e, http.MethodPost, "/v1/keys", `{"name":"x","scopes":["audit:write"]}`)
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), `"code":"UNKNOWN_SCOPE"`))
	// Output:
	// 201 true
	// 200 true false
	// 200 true
	// 400 true
}
