package httpapi

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/httpapi/wire"

	"github.com/authledger/authledger/api/ratelimit"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// recoverPanics is Echo's Recover middleware set up for this API: a panic
// becomes a generic 500 in the API's error shape; the panic value is logged
// with the route and request id, never the request body or a stack (which
// may hold arguments).
func (s *Server) recoverPanics() echo.MiddlewareFunc {
	return middleware.RecoverWithConfig(middleware.RecoverConfig{DisablePrintStack: true, DisableErrorHandler: true,
		LogErrorFunc: func(c echo.Context, err error, _ []byte) error {
			s.cfg.Logger.Error("panic", "path", c.Path(), "request_id", requestID(c), "panic", err.Error())
			return domain.Errorf(domain.CodeInternal, "internal error")
		}})
}

// requestIDs accepts a well-formed X-Request-Id or makes one, and echoes it.
// It is ours, not Echo's RequestID middleware: that one trusts any incoming
// value, and ids go into every log line, so a client's id must be checked
// (domain.ValidID) and replaced when it is not one. A made id comes from
// the server's token.Sequence: unique, cheap, and not secret (a request id
// protects nothing).
func (s *Server) requestIDs(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get("X-Request-Id")
		if !domain.ValidID(id) {
			id = s.reqIDs.Next()
		}
		wire.SetRequestID(c, id) // also the answer's X-Request-Id
		return next(c)
	}
}

func requestID(c echo.Context) string { return wire.RequestID(c) }

// trackPositions reports every append made for the request to its
// response: the last position goes out as X-Consistency-Token. A failure
// carries none (errorHandler drops it): a failed sign-in must look exactly
// like one for an unknown email, even though only the former appended an
// audit event. The response itself is the recorder, so tracking costs the
// request one context value and nothing more. It is ours: no library
// middleware knows the kernel's recorder.
func (s *Server) trackPositions(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		c.SetRequest(r.WithContext(app.WithRecorder(r.Context(), (*positionHeader)(c.Response()))))
		return next(c)
	}
}

// positionHeader is a response seen as an app.Recorder.
type positionHeader echo.Response

// Record implements app.Recorder: the position of the request's last
// append, sent with the answer's headers.
func (p *positionHeader) Record(pos eventstore.Position) {
	(*echo.Response)(p).Header().Set(consistencyHeader, pos.String())
}

// consistencyHeader carries the position a client may wait for elsewhere.
const consistencyHeader = "X-Consistency-Token"

// fixedHeaders sets the headers every answer carries: nosniff and no
// referrer (what Echo's Secure middleware sets when configured with only
// those two, as Better Auth sends no X-XSS-Protection or X-Frame-Options)
// and uncacheable (an answer may carry a session or a token). It is ours,
// not Secure plus a cache middleware (Echo has none): the values are
// shared, precomputed slices assigned under their canonical names, where
// Header.Set allocates a slice per header per request. net/http only reads
// them, and a later Set replaces the slice rather than writing into it
// (an Add appends to a full slice, which copies).
func fixedHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h["X-Content-Type-Options"], h["Referrer-Policy"] = nosniffValue, noReferrerValue
		h["Cache-Control"], h["Pragma"] = noStoreValue, noCacheValue
		return next(c)
	}
}

var nosniffValue, noReferrerValue = []string{"nosniff"}, []string{"no-referrer"}
var noStoreValue, noCacheValue = []string{"no-store"}, []string{"no-cache"}

// bodyLimit reads the whole body up to the limit before anything else sees
// it: a larger body is a 413 before JSON decoding or hashing. A request
// without a body (most GETs) passes untouched. It is ours, not Echo's
// BodyLimit: that one only wraps the reader, so the 413 would come from
// whichever decoder read past the limit, in Echo's error shape rather than
// Better Auth's, and after work was already done.
func (s *Server) bodyLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.ContentLength == 0 && (r.Body == nil || r.Body == http.NoBody) {
			return next(c) // nothing to read: wire.Body is nil, as for an empty body
		}
		if r.ContentLength > s.cfg.BodyLimit {
			return domain.Errorf(codePayloadTooLarge, "Request body too large")
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, s.cfg.BodyLimit+1))
		if err != nil {
			return domain.Errorf(domain.CodeBadRequest, "could not read request body")
		}
		if int64(len(body)) > s.cfg.BodyLimit {
			return domain.Errorf(codePayloadTooLarge, "Request body too large")
		}
		wire.SetBody(c, body)
		return next(c)
	}
}

// jsonOnly requires a JSON content type on requests that carry a body,
// with no charset or utf-8.
func (s *Server) jsonOnly(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			return next(c)
		}
		ct := r.Header.Get("Content-Type")
		if ct == "" && len(body(c)) == 0 {
			return next(c)
		}
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return domain.Errorf(codeUnsupportedMediaType, "Content-Type must be application/json")
		}
		if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
			// the body is read as UTF-8 (RFC 8259); a body in another
			// charset would be misread, so it is refused, not guessed at
			return domain.Errorf(codeUnsupportedMediaType, "Content-Type charset must be utf-8")
		}
		return next(c)
	}
}

func body(c echo.Context) []byte { return wire.Body(c) }

// rateLimit applies Better Auth's default per-IP, per-path limits.
func (s *Server) rateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.limiter == nil {
			return next(c)
		}
		r := c.Request()
		path := strings.TrimPrefix(r.URL.Path, "/api/auth")
		ip := ratelimit.ClientIP(r, s.cfg.TrustedProxies)
		if ok, retry := s.limiter.Allow(ip, path, s.cfg.Now()); !ok {
			s.metrics.rateLimited.WithLabelValues(routeLabel(c, nil)).Inc()
			ratelimit.Write429(c.Response(), retry)
			return nil
		}
		return next(c)
	}
}

// originCheck enforces Better Auth's CSRF rules on state-changing requests:
// a cookie-bearing request needs a trusted Origin (or Referer); cookieless
// sign-in and sign-up refuse a cross-site navigation (see api/origin).
func (s *Server) originCheck(signInOrUp bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			hasCookie := r.Header.Get("Cookie") != ""
			if err := s.kit.Origins.CheckRequest(r, hasCookie, signInOrUp); err != nil {
				return err
			}
			return next(c)
		}
	}
}

// consistency honours X-Consistency-Token on auth routes: the session index
// of this node first catches up with the given position (bounded by the
// wait timeout), so a session revoked through another node is refused here
// even within the propagation delay.
func (s *Server) consistency(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		tok := c.Request().Header.Get("X-Consistency-Token")
		if tok == "" {
			return next(c)
		}
		pos, err := eventstore.ParsePosition(tok)
		if err != nil {
			return domain.Errorf(domain.CodeValidation, "malformed X-Consistency-Token")
		}
		ctx, cancel := context.WithTimeout(c.Request().Context(), s.cfg.WaitTimeout)
		defer cancel()
		if err := s.app.Index.WaitFor(ctx, pos); err != nil {
			if gone := c.Request().Context().Err(); gone != nil {
				return gone // the client stopped waiting: a 499 (clientgone.go), not this node's failure
			}
			return domain.Errorf(domain.CodeUnavailable, "this node has not reached the consistency token yet")
		}
		return next(c)
	}
}

var errNoSession = errors.New("no session")
