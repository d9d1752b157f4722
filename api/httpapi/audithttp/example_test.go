package audithttp_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/audithttp"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
)

// Example streams the trail as CSV (chosen by the Accept header), then
// asks for chain verification from a store that keeps no chain.
func Example() {
	env := wiretest.Start()
	defer env.Close()
	env.SignUp("Ada", "ada@example.com")
	e := wiretest.Mount(audithttp.New(env.Kit, compliance.New(env.App, compliance.Deps{})))

	rec := wiretest.Do(e, http.MethodGet, "/v1/audit/events?type_prefix=person.", "", "Accept: text/csv")
	rows, _ := csv.NewReader(rec.Body).ReadAll() // every cell is quoted
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"), len(rows)-1, "row")
	fmt.Println(rows[1][4:7])
	rec = wiretest.Do(e, http.MethodGet, "/v1/audit/verify", "")
	fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	// Output:
	// 200 text/csv; charset=utf-8 1 row
	// [person.signed_up user_created success]
	// 501 {"code":"AUDIT_CHAIN_UNSUPPORTED","message":"this event store keeps no audit hash chain"}
}
