package adminhttp_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/httpapi/adminhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/strictjson"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/authledger/authledger/projections"
	"github.com/labstack/echo/v4"
)

const testSecret = "test-secret-test-secret-test-secret-0123456789"

// decodeBody is a BodyDecoder without the server's size limit.
func decodeBody(c echo.Context, dst any) error {
	b, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return err
	}
	return strictjson.Decode(b, dst)
}

// serve mounts the feature under /v1 on a memory store with one person,
// following the log into the session index and the projections.
func serve(ctx context.Context) (*echo.Echo, eventstore.Store) {
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(testSecret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	read := ontmemory.New()
	runner, _ := projections.NewRunner(store, codec, read, projections.All(), projections.Options{})
	idx := sessionindex.New()
	go func() { _ = runner.Run(ctx) }()
	go func() { _ = idx.Follow(ctx, store, codec) }()
	a, _ := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: read, Projections: runner, Index: idx,
		Secret: []byte(testSecret), Clock: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }})
	pid := "P0000000000000000000000000000001"
	_, _ = app.Run(ctx, a, person.NewDecider(), domain.PersonStream(pid), domain.Metadata{Actor: pid}, pid,
		func(person.State) person.Command {
			return person.SignUp{PersonID: pid, Email: "ada@example.com", Name: "Ada", Role: "user", At: a.Now()}
		})
	f := adminhttp.New(&wire.Kit{}, admin.New(a, sessions.New(a, sessions.Config{})), decodeBody)
	e := echo.New()
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		var de *domain.Error
		if errors.As(err, &de) {
			_ = wire.WriteJSON(c, f.Statuses()[de.Code], map[string]string{"code": string(de.Code)})
		}
	}
	for _, r := range f.AdminRoutes() {
		e.Add(r.Method, "/v1"+r.Path, r.Handler)
	}
	return e, store
}

func call(e *echo.Echo, method, path, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

// Example bans a person and reads the people dimension with the ban's
// position as X-Consistency-Token, so the answer reflects it.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e, store := serve(ctx)
	rec := call(e, http.MethodPost, "/v1/people/P0000000000000000000000000000001/ban", `{"reason":"abuse"}`)
	fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	head, _ := store.Head(ctx)
	rec = call(e, http.MethodGet, "/v1/ontology/people?status=banned", "", "X-Consistency-Token", head.String())
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), `"email":"ada@example.com"`))
	rec = call(e, http.MethodGet, "/v1/ontology/people", "", "X-Consistency-Token", "garbage")
	fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	// Output:
	// 200 {"status":true}
	// 200 true
	// 400 {"code":"VALIDATION_ERROR"}
}
