// Package keyshttp is the HTTP face of operator key management under /v1
// (scope admin:keys, checked by the server): POST /v1/keys creates a key
// and answers its token once, GET /v1/keys and GET /v1/keys/:id show keys
// without any secret, DELETE /v1/keys/:id revokes one. Each handler
// decodes, calls one operatorkeys use case and encodes.
package keyshttp

import (
	"net/http"
	"time"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/operatorkeys"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/operatorkey"
	"github.com/labstack/echo/v4"
)

// BodyDecoder reads and strictly decodes a request body into dst (the
// server's: size limit and JSON content type).
type BodyDecoder func(c echo.Context, dst any) error

// Feature serves the key routes.
type Feature struct {
	kit    *wire.Kit
	svc    *operatorkeys.Service
	decode BodyDecoder
}

// New returns the key feature over svc.
func New(kit *wire.Kit, svc *operatorkeys.Service, decode BodyDecoder) *Feature {
	return &Feature{kit: kit, svc: svc, decode: decode}
}

// AuthRoutes implements wire.Feature: none under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route { return nil }

// AdminRoutes implements wire.Feature: key management under /v1.
func (f *Feature) AdminRoutes() []wire.Route {
	return []wire.Route{
		{Method: "POST", Path: "/keys", Handler: f.create, Body: createBody{}},
		{Method: "GET", Path: "/keys", Handler: f.list},
		{Method: "GET", Path: "/keys/:id", Handler: f.get},
		{Method: "DELETE", Path: "/keys/:id", Handler: f.revoke},
	}
}

// Statuses implements wire.Feature: the key use cases' codes and the
// server's refusals of a key (revoked, expired: 401; lacking a scope: 403).
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{
		operatorkey.CodeKeyNotFound:        http.StatusNotFound,
		operatorkey.CodeUnknownScope:       http.StatusBadRequest,
		operatorkeys.CodeKeyRevoked:        http.StatusUnauthorized,
		operatorkeys.CodeKeyExpired:        http.StatusUnauthorized,
		operatorkeys.CodeInsufficientScope: http.StatusForbidden,
		domain.CodeValidation:              http.StatusBadRequest,
		domain.CodeConflict:                http.StatusConflict,
		domain.CodeUnavailable:             http.StatusServiceUnavailable,
	}
}

// createBody is POST /v1/keys.
type createBody struct {
	Name      string     `json:"name"`
	Scopes    []string   `json:"scopes"`
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
}

// created is the answer of a creation: the key and, once, its token.
type created struct {
	operatorkeys.Key
	Token string `json:"token"`
}

// create is POST /v1/keys {name, scopes, expiresAt?}: 201 with the token.
// The new key's scopes must be among the caller's (403 otherwise), so
// admin:keys cannot mint a key stronger than its holder.
func (f *Feature) create(c echo.Context) error {
	var b createBody
	if err := f.decode(c, &b); err != nil {
		return err
	}
	grantable, _ := wire.OperatorScopes(c)
	out, err := f.svc.Create(c.Request().Context(), operatorkeys.CreateInput{Caller: f.kit.Caller(c), Actor: actor(c),
		Grantable: grantable, Name: b.Name, Scopes: b.Scopes, ExpiresAt: b.ExpiresAt})
	if err != nil {
		return err
	}
	return wire.WriteJSON(c, http.StatusCreated, created{Key: out.Key, Token: out.Token})
}

// list is GET /v1/keys: every key, revoked ones included, no secrets.
func (f *Feature) list(c echo.Context) error {
	keys, err := f.svc.List(c.Request().Context())
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]any{"keys": keys})
}

// get is GET /v1/keys/:id.
func (f *Feature) get(c echo.Context) error {
	k, err := f.svc.Get(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return wire.OK(c, k)
}

// revoke is DELETE /v1/keys/:id: the key stops working at once on this
// node, on the others as soon as they read the log.
func (f *Feature) revoke(c echo.Context) error {
	k, err := f.svc.Revoke(c.Request().Context(), operatorkeys.RevokeInput{Caller: f.kit.Caller(c), Actor: actor(c),
		ID: c.Param("id")})
	if err != nil {
		return err
	}
	return wire.OK(c, k)
}

// actor is who acts: the key the server authenticated, else the admin.
func actor(c echo.Context) string { return wire.Operator(c, admin.Actor) }
