// Package wiretest runs HTTP feature packages outside the server, for
// their examples and tests: a kernel on the memory stores (apptest) with
// the session use cases and a Kit, the features mounted on a bare Echo
// behind a stand-in for the server's body middleware, and a request helper.
// The server adds the rest around the same routes: body limit, origin
// checks, rate limits and the merged error table.
package wiretest

import (
	"context"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/origin"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// BaseURL is the public URL of the test deployment.
const BaseURL = "https://auth.example.com"

// Env is a running kernel with the session use cases and the Kit every
// feature takes.
type Env struct {
	*apptest.Env
	Sessions *sessions.Service
	Kit      *wire.Kit
}

// Start starts an Env (see apptest.Start); Close stops it.
func Start(opts ...apptest.Option) *Env {
	env := apptest.Start(opts...)
	sess := sessions.New(env.App, sessions.Config{})
	checker, err := origin.New(BaseURL)
	if err != nil {
		panic(err)
	}
	kit := &wire.Kit{Cookies: cookies.Config{Secret: []byte(apptest.Secret), Secure: true}, Origins: checker, Sessions: sess}
	return &Env{Env: env, Sessions: sess, Kit: kit}
}

// Mount mounts the features' routes: /api/auth and /v1, as the server
// does, and answers their errors as Better Auth's {code, message} with the
// features' statuses (a code none of them maps is a 500).
func Mount(features ...wire.Feature) *echo.Echo {
	e := echo.New()
	statuses := wire.Statuses{}
	for _, f := range features {
		maps.Copy(statuses, f.Statuses())
	}
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		var de *domain.Error
		if errors.As(err, &de) && statuses[de.Code] != 0 {
			_ = wire.WriteJSON(c, statuses[de.Code], map[string]string{"code": string(de.Code), "message": de.Message})
			return
		}
		_ = c.NoContent(http.StatusInternalServerError)
	}
	auth, v1 := e.Group("/api/auth", readBody), e.Group("/v1", readBody)
	for _, f := range features {
		for _, r := range f.AuthRoutes() {
			auth.Add(r.Method, r.Path, r.Handler)
		}
		for _, r := range f.AdminRoutes() {
			v1.Add(r.Method, r.Path, r.Handler)
		}
	}
	return e
}

// readBody stands in for the server's body-limit middleware.
func readBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		b, err := io.ReadAll(c.Request().Body)
		if err != nil {
			return err
		}
		wire.SetBody(c, b)
		return next(c)
	}
}

// Do sends one request with a JSON body (when not empty) and headers given
// as "Name: value".
func Do(h http.Handler, method, path, body string, headers ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for _, hv := range headers {
		name, value, _ := strings.Cut(hv, ":")
		r.Header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// SignUp appends a person (with the email claim) and a first session, as a
// sign-up does, and returns the person's id and the session token.
func (e *Env) SignUp(name, email string) (personID, token string) {
	ctx, a := context.Background(), e.App
	ids, err := a.NewIDs(1)
	if err != nil {
		panic(err)
	}
	pid, now := ids[0], a.Now()
	opened, err := e.Sessions.Open(app.Caller{}, pid, true, now)
	if err != nil {
		panic(err)
	}
	if err := a.Keys.Ensure(ctx, pid); err != nil {
		panic(err)
	}
	stream := domain.PersonStream(pid)
	_, err = a.Commit(ctx, app.Caller{}.Meta(pid, now), pid, eventstore.Change{Stream: stream,
		Expected: eventstore.NoStream, Events: []domain.Event{person.SignedUp{PersonID: pid, Email: email, Name: name,
			Role: "user", At: now}}, Claims: []eventstore.Claim{a.Claim("email", email, stream)}}, opened.Change)
	if err != nil {
		panic(err)
	}
	return pid, opened.Token
}
