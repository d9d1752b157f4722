// Package deletehttp serves Better Auth's delete-account routes:
// POST /delete-user and GET /delete-user/callback. Handlers only decode,
// call one use case of api/deletion and encode; a deleted account's
// cookies are cleared.
package deletehttp

import (
	"errors"
	"net/http"

	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/person"
	"github.com/labstack/echo/v4"
)

// Feature serves the delete-account routes.
type Feature struct {
	kit *wire.Kit
	svc *deletion.Service
}

// New returns the delete-account feature over the use cases svc.
func New(kit *wire.Kit, svc *deletion.Service) *Feature { return &Feature{kit: kit, svc: svc} }

// AuthRoutes is the delete-account surface under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route {
	return []wire.Route{
		{Method: "POST", Path: "/delete-user", Handler: f.deleteUser, Body: deleteBody{}, Response: answer{}},
		{Method: "GET", Path: "/delete-user/callback", Handler: f.callback},
	}
}

// AdminRoutes is empty: erasure by an administrator is the audit
// feature's.
func (f *Feature) AdminRoutes() []wire.Route { return nil }

// Statuses maps the delete-account codes (Better Auth's statuses).
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{deletion.CodeFailedToGetUserInfo: http.StatusNotFound,
		sessions.CodeSessionNotFresh: http.StatusForbidden}
}

// answer is Better Auth's answer of both routes.
type answer struct {
	Success bool   `json:"success"`
	Message string `json:"message"`
}

// errorBody is Better Auth's error shape, keys in its order.
type errorBody struct {
	Message string `json:"message"`
	Code    string `json:"code"`
}

// refused answers an unusable delete-account token with Better Auth's
// 404 (elsewhere INVALID_TOKEN is a 400); other errors go to the table.
func refused(c echo.Context, err error) error {
	if errors.Is(err, person.ErrInvalidToken) {
		return wire.WriteJSON(c, http.StatusNotFound, errorBody{Message: "Invalid token", Code: string(person.CodeInvalidToken)})
	}
	return err
}
