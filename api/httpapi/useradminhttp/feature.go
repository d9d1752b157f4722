// Package useradminhttp serves Better Auth's admin plugin routes under
// /api/auth/admin/*: user management, bans, sessions, impersonation and
// permission checks, gated by the caller's platform role. Handlers only
// decode, call one use case of api/useradmin and encode; the impersonation
// routes also move the session cookies (the administrator's own session
// waits in the signed admin_session cookie, as in Better Auth).
package useradminhttp

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/useradmin"
	"github.com/authledger/authledger/domain/person"
	"github.com/labstack/echo/v4"
)

// Feature serves the admin plugin routes.
type Feature struct {
	kit *wire.Kit
	svc *useradmin.Service
}

// New returns the admin plugin feature over the use cases svc.
func New(kit *wire.Kit, svc *useradmin.Service) *Feature { return &Feature{kit: kit, svc: svc} }

// AuthRoutes is the admin plugin surface under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route {
	return []wire.Route{
		{Method: "POST", Path: "/admin/create-user", Handler: f.createUser, Body: createUserBody{}},
		{Method: "GET", Path: "/admin/list-users", Handler: f.listUsers},
		{Method: "GET", Path: "/admin/get-user", Handler: f.getUser},
		{Method: "POST", Path: "/admin/update-user", Handler: f.updateUser, Body: updateUserBody{}},
		{Method: "POST", Path: "/admin/set-role", Handler: f.setRole, Body: setRoleBody{}},
		{Method: "POST", Path: "/admin/ban-user", Handler: f.banUser, Body: banBody{}},
		{Method: "POST", Path: "/admin/unban-user", Handler: f.unbanUser, Body: userIDBody{}},
		{Method: "POST", Path: "/admin/list-user-sessions", Handler: f.listUserSessions, Body: userIDBody{}},
		{Method: "POST", Path: "/admin/revoke-user-session", Handler: f.revokeUserSession, Body: revokeUserSessionBody{}},
		{Method: "POST", Path: "/admin/revoke-user-sessions", Handler: f.revokeUserSessions, Body: userIDBody{}},
		{Method: "POST", Path: "/admin/impersonate-user", Handler: f.impersonateUser, Body: userIDBody{}},
		{Method: "POST", Path: "/admin/stop-impersonating", Handler: f.stopImpersonating},
		{Method: "POST", Path: "/admin/set-user-password", Handler: f.setUserPassword, Body: setUserPasswordBody{}},
		{Method: "POST", Path: "/admin/remove-user", Handler: f.removeUser, Body: userIDBody{}},
		{Method: "POST", Path: "/admin/has-permission", Handler: f.hasPermission, Body: hasPermissionBody{}},
	}
}

// AdminRoutes is empty: these routes are Better Auth's, under /api/auth.
func (f *Feature) AdminRoutes() []wire.Route { return nil }

// Statuses maps the admin plugin codes (Better Auth's statuses).
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{
		useradmin.CodeNotAllowedToCreate:         http.StatusForbidden,
		useradmin.CodeNotAllowedToList:           http.StatusForbidden,
		useradmin.CodeNotAllowedToListSessions:   http.StatusForbidden,
		useradmin.CodeNotAllowedToBan:            http.StatusForbidden,
		useradmin.CodeNotAllowedToImpersonate:    http.StatusForbidden,
		useradmin.CodeNotAllowedToRevokeSessions: http.StatusForbidden,
		useradmin.CodeNotAllowedToDelete:         http.StatusForbidden,
		useradmin.CodeNotAllowedToSetPassword:    http.StatusForbidden,
		useradmin.CodeNotAllowedToChangeRole:     http.StatusForbidden,
		useradmin.CodeNotAllowedToGet:            http.StatusForbidden,
		useradmin.CodeNotAllowedToUpdate:         http.StatusForbidden,
		useradmin.CodeNotAllowedToSetEmail:       http.StatusForbidden,
		useradmin.CodeCannotImpersonateAdmins:    http.StatusForbidden,
		useradmin.CodeCannotBanYourself:          http.StatusBadRequest,
		useradmin.CodeCannotRemoveYourself:       http.StatusBadRequest,
		useradmin.CodeNoDataToUpdate:             http.StatusBadRequest,
		useradmin.CodePasswordViaUpdateUser:      http.StatusBadRequest,
		useradmin.CodeUserIDCannotBeUpdated:      http.StatusBadRequest,
		useradmin.CodeNotImpersonating:           http.StatusBadRequest,
		useradmin.CodeAdminSessionNotFound:       http.StatusBadRequest,
		useradmin.CodeUserNotFound:               http.StatusNotFound,
		person.CodeInvalidRoleType:               http.StatusBadRequest,
	}
}

// admin resolves the caller's live session (or 401) for a use case.
func (f *Feature) admin(c echo.Context) (useradmin.Admin, error) {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return useradmin.Admin{}, err
	}
	return useradmin.Admin{Session: a, Caller: f.kit.Caller(c)}, nil
}

// adminAndBody is admin then the strictly decoded body.
func adminAndBody[B any](f *Feature, c echo.Context) (useradmin.Admin, B, error) {
	var b B
	a, err := f.admin(c)
	if err != nil {
		return a, b, err
	}
	return a, b, wire.Decode(c, &b)
}
