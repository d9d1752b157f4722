package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/labstack/echo/v4"
)

// healthz answers 200 while the process serves HTTP.
func (s *Server) healthz(c echo.Context) error {
	return wire.WriteJSON(c, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 when the event store answers and the session index
// has caught up with its head; 503 otherwise.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	head, err := s.cfg.Store.Head(ctx)
	if err != nil {
		return wire.WriteJSON(c, http.StatusServiceUnavailable, map[string]string{"status": "store unavailable"})
	}
	if e := s.followErr.Load(); e != nil && s.app.Index.Position().Less(head) {
		return wire.WriteJSON(c, http.StatusServiceUnavailable, map[string]string{"status": "session index follower failing"})
	}
	if s.app.Index.Position().Less(head) {
		return wire.WriteJSON(c, http.StatusServiceUnavailable, map[string]string{"status": "catching up",
			"index": s.app.Index.Position().String(), "head": head.String()})
	}
	if s.operators.Index().Position().Less(head) {
		return wire.WriteJSON(c, http.StatusServiceUnavailable, map[string]string{"status": "operator keys catching up"})
	}
	return wire.WriteJSON(c, http.StatusOK, map[string]string{"status": "ready", "position": head.String()})
}
