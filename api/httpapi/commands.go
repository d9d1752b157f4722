package httpapi

import (
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// change is one stream's part of a command.
type change = eventstore.Change

// now is the command clock (UTC, milliseconds).
func (s *Server) now() time.Time { return s.app.Now() }

// caller is where the request comes from.
func (s *Server) caller(c echo.Context) app.Caller { return s.kit.Caller(c) }

// meta builds the event metadata of a request.
func (s *Server) meta(c echo.Context, actor string, at time.Time) domain.Metadata {
	return s.caller(c).Meta(actor, at)
}

// commit appends the changes through the pipeline (which waits for the
// read models and records the position for X-Consistency-Token).
func (s *Server) commit(c echo.Context, meta domain.Metadata, keyRef string, changes ...change) (eventstore.Position, error) {
	return s.app.Commit(c.Request().Context(), meta, keyRef, changes...)
}

// retry runs fn again (bounded) when a concurrent writer moved a stream
// between its load and its append.
func (s *Server) retry(fn func() error) error { return s.app.Retry(fn) }

// claim is the HMAC claim of a value.
func (s *Server) claim(kind, value, owner string) eventstore.Claim {
	return s.app.Claim(kind, value, owner)
}
