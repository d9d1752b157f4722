package audithttp

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// Feature serves the compliance routes.
type Feature struct {
	kit *wire.Kit
	svc *compliance.Service
}

// New returns the compliance feature over svc.
func New(kit *wire.Kit, svc *compliance.Service) *Feature { return &Feature{kit: kit, svc: svc} }

// AuthRoutes implements wire.Feature: none under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route { return nil }

// AdminRoutes implements wire.Feature: the compliance surface under /v1.
func (f *Feature) AdminRoutes() []wire.Route {
	return []wire.Route{
		{Method: "POST", Path: "/people/:id/forget", Handler: f.forget},
		{Method: "GET", Path: "/audit/events", Handler: f.events},
		{Method: "GET", Path: "/audit/verify", Handler: f.verify},
		{Method: "GET", Path: "/audit/checkpoints", Handler: f.checkpoints},
		{Method: "GET", Path: "/audit/as-of", Handler: f.asOf},
		{Method: "GET", Path: "/audit/access-review", Handler: f.accessReview, Response: compliance.AccessReview{}},
	}
}

// Statuses implements wire.Feature: every code the compliance use cases
// return.
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{
		compliance.CodeChainUnsupported:  http.StatusNotImplemented,
		compliance.CodeAddressHasAccount: http.StatusConflict,
		domain.CodeValidation:            http.StatusBadRequest,
		domain.CodeNotFound:              http.StatusNotFound,
		domain.CodeConflict:              http.StatusConflict,
		domain.CodeUnavailable:           http.StatusServiceUnavailable,
	}
}

// reader is the operator reading the trail (the key the server
// authenticated, key:<id>, or the bootstrap admin), named with its route.
func (f *Feature) reader(c echo.Context) compliance.Reader {
	return compliance.Reader{Caller: f.kit.Caller(c), Actor: wire.Operator(c, admin.Actor), Route: c.Path()}
}

// singleParams parses the query string, accepting only the allowed keys,
// each once; refused is the message otherwise.
func singleParams(c echo.Context, refused string, allowed ...string) (url.Values, error) {
	params, err := url.ParseQuery(c.Request().URL.RawQuery)
	if err != nil {
		return nil, domain.Errorf(domain.CodeValidation, "malformed query string")
	}
	for k, vs := range params {
		if len(vs) != 1 || !slices.Contains(allowed, k) {
			return nil, domain.Errorf(domain.CodeValidation, refused)
		}
	}
	return params, nil
}
