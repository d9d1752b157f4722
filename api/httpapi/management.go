package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// ManagementHandler serves the management listener: /metrics, /healthz
// and /readyz, with no operator key (like Keycloak's management port, it
// belongs on an address only the operators' network reaches). Everything
// else answers 404.
func (s *Server) ManagementHandler() http.Handler {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(s.recoverPanics())
	e.GET("/metrics", s.serveMetrics)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	return e
}
