package audithttp_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/audithttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/labstack/echo/v4"
)

const testSecret = "test-secret-test-secret-test-secret-0123456789"

// newEcho mounts the feature's routes under /v1 the way the server does,
// with an error handler that answers each code with the feature's status.
func newEcho(store eventstore.Store) *echo.Echo {
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(testSecret)))
	a, err := app.New(app.Deps{Store: store, Codec: eventstore.NewCodec(registry.New(), keys), Keys: keys,
		Read: ontmemory.New(), Secret: []byte(testSecret),
		Clock: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		panic(err)
	}
	pid := "P0000000000000000000000000000001"
	_, _ = app.Run(context.Background(), a, person.NewDecider(), domain.PersonStream(pid), domain.Metadata{Actor: pid}, pid,
		func(person.State) person.Command {
			return person.SignUp{PersonID: pid, Email: "ada@example.com", Name: "Ada", Role: "user", At: a.Now()}
		})
	f := audithttp.New(&wire.Kit{}, compliance.New(a, compliance.Deps{}))
	e := echo.New()
	statuses := f.Statuses()
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		var de *domain.Error
		if errors.As(err, &de) && statuses[de.Code] != 0 {
			_ = wire.WriteJSON(c, statuses[de.Code], map[string]string{"code": string(de.Code), "message": de.Message})
			return
		}
		_ = c.NoContent(http.StatusInternalServerError)
	}
	for _, r := range f.AdminRoutes() {
		e.Add(r.Method, "/v1"+r.Path, r.Handler)
	}
	return e
}

// get answers a GET.
func get(e *echo.Echo, path string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

// Example streams the trail as CSV (chosen by the Accept header), then
// asks for chain verification from a store that keeps no chain.
func Example() {
	e := newEcho(memory.New())
	rec := get(e, "/v1/audit/events?type_prefix=person.", "Accept", "text/csv")
	lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"), len(lines)-1, "row")
	fmt.Println(strings.Split(lines[1], ",")[4:7])
	rec = get(e, "/v1/audit/verify")
	fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	// Output:
	// 200 text/csv; charset=utf-8 1 row
	// [person.signed_up user_created success]
	// 501 {"code":"AUDIT_CHAIN_UNSUPPORTED","message":"this event store keeps no audit hash chain"}
}
