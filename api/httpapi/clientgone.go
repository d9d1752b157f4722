package httpapi

import (
	"context"
	"errors"

	"github.com/labstack/echo/v4"
)

// statusClientClosed is the status a request is counted and logged with
// when its client went away before the answer: 499, nginx's "client closed
// request". Nothing is sent (nobody is there to read it); the code only
// keeps such requests out of the 5xx counts and the error log, where a
// load balancer's health of the server, or an alert, would take them for
// server failures.
const statusClientClosed = 499

// clientGone reports whether err is the request being cancelled because
// its client closed the connection: the error says the context was
// cancelled and the request's context is done. A server-side timeout is
// context.DeadlineExceeded and stays a 503; a failure unrelated to the
// cancellation keeps its own status.
func clientGone(c echo.Context, err error) bool {
	return errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil
}
