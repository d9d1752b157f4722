package orghttp_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/orghttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/labstack/echo/v4"
)

// Example mounts the organization feature on a bare Echo instance (the
// server adds its middleware: body limit, origin checks, rate limits,
// error statuses from Statuses) and creates an organization with a bearer
// token.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	secret := []byte("example-secret-example-secret-0123456789")
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK(secret))
	codec := eventstore.NewCodec(registry.New(), keys)
	a, err := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: ontmemory.New(),
		Index: sessionindex.New(), Secret: secret})
	if err != nil {
		panic(err)
	}
	go func() { _ = a.Index.Follow(ctx, store, codec) }()
	users := sessions.New(a, sessions.Config{})
	token := signUp(ctx, a, users, "alice@example.com")

	f := orghttp.New(&wire.Kit{Cookies: cookies.Config{Secret: secret}, Sessions: users}, orgs.New(a, users, orgs.Config{}))
	e := echo.New()
	for _, r := range f.AuthRoutes() {
		e.Add(r.Method, "/api/auth"+r.Path, r.Handler, keepBody)
	}
	req := httptest.NewRequest("POST", "/api/auth/organization/create", strings.NewReader(`{"name":"Acme","slug":"acme"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), `"slug":"acme"`))
	fmt.Println(len(f.AuthRoutes()), "routes;", group.CodeNotRecipient, "is", f.Statuses()[group.CodeNotRecipient])
	// Output:
	// 200 true
	// 22 routes; YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION is 403
}

// keepBody stands in for the server's body-limit middleware, which hands
// the handlers the body it read.
func keepBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		b, err := io.ReadAll(c.Request().Body)
		if err != nil {
			return err
		}
		wire.SetBody(c, b)
		return next(c)
	}
}

// signUp appends a person and a session and returns the session token.
func signUp(ctx context.Context, a *app.App, users *sessions.Service, addr string) string {
	ids, _ := a.NewIDs(1)
	pid, now := ids[0], time.Now().UTC()
	opened, err := users.Open(app.Caller{}, pid, true, now)
	if err != nil {
		panic(err)
	}
	if err := a.Keys.Ensure(ctx, pid); err != nil {
		panic(err)
	}
	stream := domain.PersonStream(pid)
	_, err = a.Commit(ctx, app.Caller{}.Meta(pid, now), pid, eventstore.Change{Stream: stream,
		Expected: eventstore.NoStream, Events: []domain.Event{person.SignedUp{PersonID: pid, Email: addr, Name: "Alice",
			Role: "user", At: now}}, Claims: []eventstore.Claim{a.Claim("email", addr, stream)}}, opened.Change)
	if err != nil {
		panic(err)
	}
	return opened.Token
}
