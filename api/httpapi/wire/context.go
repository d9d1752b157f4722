package wire

import "github.com/labstack/echo/v4"

// Keys under which the middleware leaves per-request values.
const (
	ctxBody = "authledger.body"
	// requestIDHeader carries the request's id in both directions.
	requestIDHeader = "X-Request-Id"
)

// SetBody records the request body the body-limit middleware read.
func SetBody(c echo.Context, b []byte) { c.Set(ctxBody, b) }

// Body is the request body read by the middleware (nil when none).
func Body(c echo.Context) []byte {
	b, _ := c.Get(ctxBody).([]byte)
	return b
}

// SetRequestID records the request's id: it is the answer's X-Request-Id
// header, which every answer echoes, so it costs no per-request store.
func SetRequestID(c echo.Context, id string) { c.Response().Header()[requestIDHeader] = []string{id} }

// RequestID is the request's id (X-Request-Id of the answer).
func RequestID(c echo.Context) string { return c.Response().Header().Get(requestIDHeader) }

// Query returns a query parameter, or nil when it is absent or empty.
func Query(c echo.Context, name string) *string {
	if v := c.QueryParam(name); v != "" {
		return &v
	}
	return nil
}
