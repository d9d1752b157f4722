package httpapi

import (
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// decideOn is the load → decide half of a multi-stream command.
func decideOn[S, C any](c echo.Context, s *Server, d domain.Decider[S, C], stream string, cmd func(S) C) (S, change, error) {
	return app.Decide(c.Request().Context(), s.app, d, stream, cmd)
}

// runOn is a whole single-stream command through the pipeline.
func runOn[S, C any](c echo.Context, s *Server, d domain.Decider[S, C], stream, actor, keyRef string, cmd func(S) C) error {
	_, err := app.Run(c.Request().Context(), s.app, d, stream, s.meta(c, actor, s.now()), keyRef, cmd)
	return err
}
