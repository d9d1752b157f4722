package api

import "github.com/labstack/echo/v4"

// mountWeb mounts the hosted pages under /ui.
func (s *Server) mountWeb(e *echo.Echo) {}
