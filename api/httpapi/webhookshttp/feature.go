// Package webhookshttp is the HTTP face of webhook endpoint management
// under /v1 (scope webhooks:manage, checked by the server): POST
// /v1/webhooks creates an endpoint and answers its signing secret once;
// GET lists and reads; PATCH updates; POST .../enable, .../disable and
// .../replay; DELETE removes; GET .../attempts shows the last delivery
// attempts. Each handler decodes, calls one api/webhooks use case and
// encodes.
package webhookshttp

import (
	"net/http"
	"time"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/webhooks"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/webhookendpoint"
	"github.com/labstack/echo/v4"
)

// BodyDecoder reads and strictly decodes a request body into dst.
type BodyDecoder func(c echo.Context, dst any) error

// Feature serves the webhook routes.
type Feature struct {
	kit    *wire.Kit
	svc    *webhooks.Service
	decode BodyDecoder
}

// New returns the webhook feature over svc.
func New(kit *wire.Kit, svc *webhooks.Service, decode BodyDecoder) *Feature {
	return &Feature{kit: kit, svc: svc, decode: decode}
}

// AuthRoutes implements wire.Feature: none under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route { return nil }

// AdminRoutes implements wire.Feature: endpoint management under /v1.
func (f *Feature) AdminRoutes() []wire.Route {
	return []wire.Route{
		{Method: "POST", Path: "/webhooks", Handler: f.create, Body: createBody{}},
		{Method: "GET", Path: "/webhooks", Handler: f.list},
		{Method: "GET", Path: "/webhooks/:id", Handler: f.get},
		{Method: "PATCH", Path: "/webhooks/:id", Handler: f.update, Body: updateBody{}},
		{Method: "DELETE", Path: "/webhooks/:id", Handler: f.remove},
		{Method: "POST", Path: "/webhooks/:id/enable", Handler: f.enable},
		{Method: "POST", Path: "/webhooks/:id/disable", Handler: f.disable},
		{Method: "POST", Path: "/webhooks/:id/replay", Handler: f.replay, Body: replayBody{}},
		{Method: "GET", Path: "/webhooks/:id/attempts", Handler: f.attempts},
	}
}

// Statuses implements wire.Feature.
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{
		webhookendpoint.CodeNotFound: http.StatusNotFound,
		webhooks.CodeURLForbidden:    http.StatusBadRequest,
		webhooks.CodeUnknownEvent:    http.StatusBadRequest,
		domain.CodeValidation:        http.StatusBadRequest,
		domain.CodeConflict:          http.StatusConflict,
		domain.CodeUnavailable:       http.StatusServiceUnavailable,
	}
}

// createBody is POST /v1/webhooks.
type createBody struct {
	URL        string   `json:"url"`
	Events     []string `json:"events"`
	IncludePII bool     `json:"includePii"`
}

// create answers 201 with the endpoint and, once, its secret.
func (f *Feature) create(c echo.Context) error {
	var b createBody
	if err := f.decode(c, &b); err != nil {
		return err
	}
	out, err := f.svc.Create(c.Request().Context(), webhooks.CreateInput{Caller: f.kit.Caller(c), Actor: actor(c),
		URL: b.URL, Events: b.Events, IncludePII: b.IncludePII})
	if err != nil {
		return err
	}
	return wire.WriteJSON(c, http.StatusCreated, out)
}

// list is GET /v1/webhooks.
func (f *Feature) list(c echo.Context) error {
	eps, err := f.svc.List(c.Request().Context())
	if err != nil {
		return err
	}
	if eps == nil {
		eps = []webhooks.Endpoint{}
	}
	return wire.OK(c, map[string]any{"webhooks": eps})
}

// get is GET /v1/webhooks/:id.
func (f *Feature) get(c echo.Context) error {
	ep, err := f.svc.Get(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return wire.OK(c, ep)
}

// updateBody is PATCH /v1/webhooks/:id: absent fields are unchanged.
type updateBody struct {
	URL        *string  `json:"url"`
	Events     []string `json:"events"`
	IncludePII *bool    `json:"includePii"`
}

// update is PATCH /v1/webhooks/:id.
func (f *Feature) update(c echo.Context) error {
	var b updateBody
	if err := f.decode(c, &b); err != nil {
		return err
	}
	ep, err := f.svc.Update(c.Request().Context(), webhooks.UpdateInput{Caller: f.kit.Caller(c), Actor: actor(c),
		ID: c.Param("id"), URL: b.URL, Events: b.Events, IncludePII: b.IncludePII})
	if err != nil {
		return err
	}
	return wire.OK(c, ep)
}

// change builds the input of enable, disable and delete.
func (f *Feature) change(c echo.Context) webhooks.ChangeInput {
	return webhooks.ChangeInput{Caller: f.kit.Caller(c), Actor: actor(c), ID: c.Param("id")}
}

// enable is POST /v1/webhooks/:id/enable.
func (f *Feature) enable(c echo.Context) error {
	ep, err := f.svc.Enable(c.Request().Context(), f.change(c))
	if err != nil {
		return err
	}
	return wire.OK(c, ep)
}

// disable is POST /v1/webhooks/:id/disable.
func (f *Feature) disable(c echo.Context) error {
	ep, err := f.svc.Disable(c.Request().Context(), f.change(c))
	if err != nil {
		return err
	}
	return wire.OK(c, ep)
}

// remove is DELETE /v1/webhooks/:id.
func (f *Feature) remove(c echo.Context) error {
	ep, err := f.svc.Delete(c.Request().Context(), f.change(c))
	if err != nil {
		return err
	}
	return wire.OK(c, ep)
}

// replayBody is POST /v1/webhooks/:id/replay: one of after or since.
type replayBody struct {
	After *string    `json:"after"`
	Since *time.Time `json:"since"`
}

// replay is POST /v1/webhooks/:id/replay.
func (f *Feature) replay(c echo.Context) error {
	var b replayBody
	if err := f.decode(c, &b); err != nil {
		return err
	}
	ep, err := f.svc.Replay(c.Request().Context(), webhooks.ReplayInput{Caller: f.kit.Caller(c), Actor: actor(c),
		ID: c.Param("id"), After: b.After, Since: b.Since})
	if err != nil {
		return err
	}
	return wire.OK(c, ep)
}

// attempts is GET /v1/webhooks/:id/attempts: the last attempts, newest
// first.
func (f *Feature) attempts(c echo.Context) error {
	as, err := f.svc.Attempts(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]any{"attempts": as})
}

// actor is who acts: the key the server authenticated, else the admin.
func actor(c echo.Context) string { return wire.Operator(c, admin.Actor) }
