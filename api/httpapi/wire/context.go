package wire

import "github.com/labstack/echo/v4"

// Keys under which the middleware leaves per-request values.
const (
	ctxBody      = "authledger.body"
	ctxRequestID = "authledger.request_id"
)

// SetBody records the request body the body-limit middleware read.
func SetBody(c echo.Context, b []byte) { c.Set(ctxBody, b) }

// Body is the request body read by the middleware (nil when none).
func Body(c echo.Context) []byte {
	b, _ := c.Get(ctxBody).([]byte)
	return b
}

// SetRequestID records the request's id.
func SetRequestID(c echo.Context, id string) { c.Set(ctxRequestID, id) }

// RequestID is the request's id (X-Request-Id).
func RequestID(c echo.Context) string {
	id, _ := c.Get(ctxRequestID).(string)
	return id
}

// Query returns a query parameter, or nil when it is absent or empty.
func Query(c echo.Context, name string) *string {
	if v := c.QueryParam(name); v != "" {
		return &v
	}
	return nil
}
