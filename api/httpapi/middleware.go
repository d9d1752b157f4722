package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/token"

	"github.com/authledger/authledger/api/ratelimit"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// recoverPanics turns a panic into a generic 500; the panic value is logged,
// never the request body.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				s.cfg.Logger.Error("panic", "path", c.Path(), "request_id", requestID(c), "panic", fmt.Sprint(r))
				err = domain.Errorf(domain.CodeInternal, "internal error")
			}
		}()
		return next(c)
	}
}

// requestIDs accepts a well-formed X-Request-Id or makes one, and echoes it.
func (s *Server) requestIDs(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get("X-Request-Id")
		if !domain.ValidID(id) {
			id, _ = token.New(s.cfg.Rand)
		}
		wire.SetRequestID(c, id)
		c.Response().Header().Set("X-Request-Id", id)
		return next(c)
	}
}

func requestID(c echo.Context) string { return wire.RequestID(c) }

// trackPositions reports every append made for the request to its
// response: the last position goes out as X-Consistency-Token. A failure
// carries none (errorHandler drops it): a failed sign-in must look exactly
// like one for an unknown email, even though only the former appended an
// audit event. The response itself is the recorder, so tracking costs the
// request one context value and nothing more.
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

// securityHeaders marks every response uncacheable and not sniffable.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", "no-store")
		h.Set("Pragma", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		return next(c)
	}
}

// bodyLimit reads the whole body up to the limit before anything else sees
// it: a larger body is a 413 before JSON decoding or hashing.
func (s *Server) bodyLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
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
			return domain.Errorf(domain.CodeUnavailable, "this node has not reached the consistency token yet")
		}
		return next(c)
	}
}

var errNoSession = errors.New("no session")
