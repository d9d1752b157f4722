package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/origin"
	"github.com/authledger/authledger/api/ratelimit"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	"github.com/labstack/echo/v4"
)

// statusOf maps every error code to its HTTP status. This is the one place
// where errors become statuses.
var statusOf = map[domain.Code]int{
	domain.CodeValidation:                http.StatusBadRequest,
	domain.CodeBadRequest:                http.StatusBadRequest,
	domain.CodeUnauthorized:              http.StatusUnauthorized,
	domain.CodeSessionExpired:            http.StatusUnauthorized,
	domain.CodeNotFound:                  http.StatusNotFound,
	domain.CodeForbidden:                 http.StatusForbidden,
	domain.CodeConflict:                  http.StatusConflict,
	domain.CodeUnavailable:               http.StatusServiceUnavailable,
	origin.CodeInvalidOrigin:             http.StatusForbidden,
	origin.CodeMissingOrNullOrigin:       http.StatusForbidden,
	origin.CodeCrossSiteNavigation:       http.StatusForbidden,
	origin.CodeInvalidCallbackURL:        http.StatusForbidden,
	origin.CodeInvalidRedirectURL:        http.StatusForbidden,
	origin.CodeInvalidErrorCallbackURL:   http.StatusForbidden,
	origin.CodeInvalidNewUserCallbackURL: http.StatusForbidden,
	codeFailedToGetSession:               http.StatusBadRequest,
	codePayloadTooLarge:                  http.StatusRequestEntityTooLarge,
	codeUnsupportedMediaType:             http.StatusUnsupportedMediaType,
	hooks.CodeHookRefused:                http.StatusForbidden,
	hooks.CodeHookUnavailable:            http.StatusServiceUnavailable,
}

// Codes the API adds to the domain's.
const (
	codeFailedToGetSession   domain.Code = "FAILED_TO_GET_SESSION"
	codePayloadTooLarge      domain.Code = "PAYLOAD_TOO_LARGE"
	codeUnsupportedMediaType domain.Code = "UNSUPPORTED_MEDIA_TYPE"
)

// errorBody is Better Auth's error shape.
type errorBody struct {
	Message string `json:"message"`
	Code    string `json:"code"`
}

// mergeStatuses builds the one status table: the server's own rows, the
// feature files' rows and every feature package's. Two rows that map one
// code to different statuses are a wiring error.
func mergeStatuses(features []wire.Feature) (wire.Statuses, error) {
	out := wire.Statuses{}
	tables := []map[domain.Code]int{statusOf}
	for _, f := range features {
		tables = append(tables, f.Statuses())
	}
	for _, t := range tables {
		for code, st := range t {
			if old, ok := out[code]; ok && old != st {
				return nil, fmt.Errorf("httpapi: error code %s maps to both %d and %d", code, old, st)
			}
			out[code] = st
		}
	}
	return out, nil
}

// toHTTP turns any error into a status and a body that never leaks
// internals: unknown errors become a generic 500, storage outages a 503.
func (s *Server) toHTTP(err error) (int, errorBody, bool) {
	var de *domain.Error
	var refusal *hooks.Refusal
	switch {
	case errors.As(err, &refusal): // a before-hook's answer, with its own status and code
		return refusal.Status, errorBody{Message: refusal.Message, Code: string(refusal.Code)},
			refusal.Status == http.StatusServiceUnavailable
	case errors.As(err, &de):
		st, ok := s.statuses[de.Code]
		if !ok {
			st = http.StatusInternalServerError
		}
		if st == http.StatusInternalServerError {
			return st, errorBody{Message: "Internal server error", Code: string(domain.CodeInternal)}, false
		}
		return st, errorBody{Message: de.Message, Code: string(de.Code)}, st == http.StatusServiceUnavailable
	case errors.Is(err, ontology.ErrBadQuery):
		return http.StatusBadRequest, errorBody{Message: err.Error(), Code: string(domain.CodeValidation)}, false
	case errors.Is(err, ontology.ErrNotFound), errors.Is(err, eventstore.ErrClaimNotFound):
		return http.StatusNotFound, errorBody{Message: "Not found", Code: string(domain.CodeNotFound)}, false
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, eventstore.ErrClosed):
		return http.StatusServiceUnavailable, errorBody{Message: "Service temporarily unavailable",
			Code: string(domain.CodeUnavailable)}, true
	}
	return http.StatusInternalServerError, errorBody{Message: "Internal server error", Code: string(domain.CodeInternal)}, false
}

// retryAfter is an error that knows when trying again may succeed (the
// sign-in backoff's signin.ThrottledError).
type retryAfter interface {
	RetryAfter() time.Duration
}

// errorHandler is Echo's HTTPErrorHandler: domain errors get their status;
// Echo's own errors (404, 405, 413) keep theirs; 404/405 have an empty body
// like Better Auth. A request whose client went away gets nothing and is
// recorded as 499 (clientGone).
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		switch he.Code {
		case http.StatusNotFound, http.StatusMethodNotAllowed:
			_ = c.NoContent(http.StatusNotFound)
			return
		case http.StatusRequestEntityTooLarge:
			err = domain.Errorf(codePayloadTooLarge, "Request body too large")
		default:
			err = domain.Errorf(domain.CodeBadRequest, http.StatusText(he.Code))
		}
	}
	if clientGone(c, err) { // nobody to answer; counted and logged as 499 (clientgone.go)
		c.Response().WriteHeader(statusClientClosed)
		return
	}
	c.Response().Header().Del(consistencyHeader) // a failure carries no consistency token
	status, body, retry := s.toHTTP(err)
	switch {
	case isExactly(err, password.ErrBusy): // expected under load: counted, warned at a bounded rate
		s.overload.note(s.cfg.Logger, s.cfg.Now(), c.Path())
	case status >= 500:
		s.cfg.Logger.Error("request failed", "path", c.Path(), "request_id", requestID(c), "err", err)
	}
	if retry {
		c.Response().Header().Set("Retry-After", strconv.Itoa(1))
	}
	var wait retryAfter
	if errors.As(err, &wait) { // a throttled sign-in: how long its backoff still runs
		secs := strconv.FormatInt(ratelimit.RetrySeconds(wait.RetryAfter()), 10)
		c.Response().Header().Set("Retry-After", secs)
		c.Response().Header().Set("X-Retry-After", secs) // what the Better Auth client reads
	}
	_ = wire.WriteJSON(c, status, body)
}

// isExactly reports whether target itself is in err's tree. errors.Is
// would also match any other *domain.Error with target's code: every 503
// (a store outage, a consistency wait that timed out) would be taken for
// the hashing overload, counted as one and kept out of the error log.
func isExactly(err, target error) bool {
	if err == target {
		return true
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return isExactly(u.Unwrap(), target)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if isExactly(e, target) {
				return true
			}
		}
	}
	return false
}
