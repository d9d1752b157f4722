package httpapi

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/labstack/echo/v4"
)

// MetricsSource writes more Prometheus text-format lines (the projection
// runner's checkpoints and lag, the event store's horizon); cmd wires it.
type MetricsSource interface {
	WriteMetrics(w io.Writer)
}

// requestCounter counts answered requests by route and status.
type requestCounter struct {
	mu     sync.Mutex
	counts map[[2]string]uint64
}

func (rc *requestCounter) add(route string, status int) {
	rc.mu.Lock()
	if rc.counts == nil {
		rc.counts = map[[2]string]uint64{}
	}
	rc.counts[[2]string{route, strconv.Itoa(status)}]++
	rc.mu.Unlock()
}

func (rc *requestCounter) write(w io.Writer) {
	rc.mu.Lock()
	keys := make([][2]string, 0, len(rc.counts))
	for k := range rc.counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int {
		if c := cmpStr(a[0], b[0]); c != 0 {
			return c
		}
		return cmpStr(a[1], b[1])
	})
	fmt.Fprintln(w, "# HELP authledger_http_requests_total Answered HTTP requests by route and status.")
	fmt.Fprintln(w, "# TYPE authledger_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "authledger_http_requests_total{route=%q,status=%q} %d\n", k[0], k[1], rc.counts[k])
	}
	rc.mu.Unlock()
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// countRequests records every answer under its route pattern (never the
// raw path, so cardinality stays bounded).
func (s *Server) countRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		status := c.Response().Status
		if err != nil {
			status, _, _ = s.toHTTP(err)
			if he, ok := err.(*echo.HTTPError); ok {
				status = he.Code
			}
		}
		route := c.Path()
		if route == "" || c.Response().Status == http.StatusNotFound && err != nil {
			route = "unmatched"
		}
		s.requests.add(route, status)
		return err
	}
}

// metrics serves the Prometheus text format.
func (s *Server) metrics(c echo.Context) error {
	w := c.Response()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	pos := s.app.Index.Position()
	fmt.Fprintln(w, "# HELP authledger_session_index_sessions Live sessions held in this node's session index.")
	fmt.Fprintln(w, "# TYPE authledger_session_index_sessions gauge")
	fmt.Fprintf(w, "authledger_session_index_sessions %d\n", s.app.Index.Len())
	fmt.Fprintln(w, "# HELP authledger_session_index_position Low word of the last log position applied to the session index.")
	fmt.Fprintln(w, "# TYPE authledger_session_index_position gauge")
	fmt.Fprintf(w, "authledger_session_index_position %d\n", pos.Lo)
	s.requests.write(w)
	s.overload.write(w)
	if s.cfg.Metrics != nil {
		s.cfg.Metrics.WriteMetrics(w)
	}
	return nil
}
