package httpapi

import (
	"net/http"

	"github.com/authledger/authledger/api/app"
	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// tracerName names the spans this package starts.
const tracerName = "github.com/authledger/authledger/api/httpapi"

// traceRequests starts a server span for each request from the global
// tracer provider (a no-op unless the binary configured an exporter),
// continuing a W3C trace context the caller sent. The span carries only
// the method, the route template and the status: never the path's values,
// the query, headers, cookies or bodies, so no token, password or email.
// With tracing off (app.TracingOn) it passes the request straight on.
func (s *Server) traceRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !app.TracingOn() {
			return next(c)
		}
		req := c.Request()
		ctx := propagation.TraceContext{}.Extract(req.Context(), propagation.HeaderCarrier(req.Header))
		ctx, span := otel.GetTracerProvider().Tracer(tracerName).Start(ctx, req.Method,
			trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(attribute.String("http.request.method", req.Method)))
		defer span.End()
		c.SetRequest(req.WithContext(ctx))
		err := next(c)
		status := c.Response().Status
		if err != nil {
			status, _, _ = s.toHTTP(err)
			if he, ok := err.(*echo.HTTPError); ok {
				status = he.Code
			}
		}
		route := c.Path()
		if route == "" || status == http.StatusNotFound && err != nil {
			route = "unmatched"
		}
		span.SetName(req.Method + " " + route)
		span.SetAttributes(attribute.String("http.route", route), attribute.Int("http.response.status_code", status))
		if status >= 500 {
			span.SetStatus(codes.Error, http.StatusText(status))
		}
		return err
	}
}
