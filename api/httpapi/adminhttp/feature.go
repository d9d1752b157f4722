package adminhttp

import (
	"net/http"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// BodyDecoder reads and strictly decodes a request body into dst; the
// server supplies its own (size limit, JSON content type), since the /v1
// group runs no body middleware.
type BodyDecoder func(c echo.Context, dst any) error

// Feature serves the admin routes.
type Feature struct {
	kit    *wire.Kit
	svc    *admin.Service
	decode BodyDecoder
}

// New returns the admin feature over svc.
func New(kit *wire.Kit, svc *admin.Service, decode BodyDecoder) *Feature {
	return &Feature{kit: kit, svc: svc, decode: decode}
}

// AuthRoutes implements wire.Feature: none under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route { return nil }

// AdminRoutes implements wire.Feature: the ontology reads and the ban
// commands under /v1.
func (f *Feature) AdminRoutes() []wire.Route {
	return []wire.Route{
		{Method: "GET", Path: "/ontology/groups", Handler: list(f, f.svc.ListGroups)},
		{Method: "GET", Path: "/ontology/people", Handler: list(f, f.svc.ListPeople)},
		{Method: "GET", Path: "/ontology/things", Handler: list(f, f.svc.ListThings)},
		{Method: "GET", Path: "/ontology/connections", Handler: list(f, f.svc.ListConnections)},
		{Method: "GET", Path: "/ontology/events", Handler: list(f, f.svc.ListEvents)},
		{Method: "GET", Path: "/ontology/knowledge", Handler: list(f, f.svc.ListKnowledge)},
		{Method: "POST", Path: "/people/:id/ban", Handler: f.ban, Body: banBody{}},
		{Method: "POST", Path: "/people/:id/unban", Handler: f.unban},
	}
}

// Statuses implements wire.Feature: every code the admin use cases
// return (a bad ontology filter is ontology.ErrBadQuery, a 400 the server
// maps itself).
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{
		domain.CodeValidation:  http.StatusBadRequest,
		domain.CodeNotFound:    http.StatusNotFound,
		domain.CodeConflict:    http.StatusConflict,
		domain.CodeUnavailable: http.StatusServiceUnavailable,
	}
}
