package httpapi

import (
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// httpMetrics are the server's Prometheus collectors, in a registry of
// its own (several servers may live in one test process).
type httpMetrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec   // answers by route template and status
	latency  *prometheus.HistogramVec // answer latency by route template and method
	auth     *authMetrics             // sign-in outcomes (auth_metrics.go)
	// rateLimited counts 429s of the per-IP limits by route template.
	rateLimited *prometheus.CounterVec
	children    routeChildren // requests' and latency's children by labels
}

// routeChildren caches the request counter and latency histogram of each
// (route, method, status): WithLabelValues hashes its labels and formats
// the status on every call; the set of keys is bounded by the route table.
type routeChildren struct {
	mu sync.RWMutex
	m  map[routeKey]routeChild
}

type routeKey struct {
	route, method string
	status        int
}

type routeChild struct {
	count   prometheus.Counter
	latency prometheus.Observer
}

// get returns the children of k, made on first use.
func (r *routeChildren) get(m *httpMetrics, k routeKey) routeChild {
	r.mu.RLock()
	ch, ok := r.m[k]
	r.mu.RUnlock()
	if ok {
		return ch
	}
	ch = routeChild{count: m.requests.WithLabelValues(k.route, strconv.Itoa(k.status)),
		latency: m.latency.WithLabelValues(k.route, k.method)}
	r.mu.Lock()
	if r.m == nil {
		r.m = map[routeKey]routeChild{}
	}
	r.m[k] = ch
	r.mu.Unlock()
	return ch
}

// newMetrics builds the registry: Go runtime and process collectors, the
// request counters and latency histograms, the session index and hash
// overload gauges, the auth outcome counters (fed by the kernel's
// pipeline), and extra (the caller's collectors; may be nil).
func (s *Server) newMetrics(extra prometheus.Collector) (*httpMetrics, error) {
	m := &httpMetrics{reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "authledger_http_requests_total",
			Help: "Answered HTTP requests by route and status."}, []string{"route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "authledger_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route template and method.",
			Buckets: prometheus.DefBuckets}, []string{"route", "method"}),
		auth: newAuthMetrics(),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "authledger_rate_limit_rejections_total",
			Help: "Requests refused with 429 by the per-IP rate limits, by route template."}, []string{"route"}),
	}
	cs := []prometheus.Collector{
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.latency, m.rateLimited,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "authledger_session_index_sessions",
			Help: "Live sessions held in this node's session index."},
			func() float64 { return float64(s.app.Index.Len()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "authledger_session_index_position",
			Help: "Low word of the last log position applied to the session index."},
			func() float64 { return float64(s.app.Index.Position().Lo) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "authledger_password_hash_overload_total",
			Help: "Requests refused with 503 because every password-hashing slot was busy."},
			func() float64 { return float64(s.overload.count()) }),
	}
	cs = append(cs, m.auth.collectors()...)
	if extra != nil {
		cs = append(cs, extra)
	}
	for _, c := range cs {
		if err := m.reg.Register(c); err != nil {
			return nil, err
		}
	}
	s.app.Pipeline.Observed = m.auth.observe
	return m, nil
}

// countRequests records every answer under its route pattern (never the
// raw path, so cardinality stays bounded), with its latency, and logs it:
// one access line at info with the method, route template, status,
// latency and request id. Never the path, the query (it may carry a
// token), headers or bodies.
func (s *Server) countRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		status := c.Response().Status
		if err != nil {
			status, _, _ = s.toHTTP(err)
			if he, ok := err.(*echo.HTTPError); ok {
				status = he.Code
			}
			if clientGone(c, err) {
				status = statusClientClosed
			}
		}
		route, method := routeLabel(c, err), methodLabel(c.Request().Method)
		ch := s.metrics.children.get(s.metrics, routeKey{route: route, method: method, status: status})
		ch.count.Inc()
		end := time.Now()
		took := end.Sub(start)
		ch.latency.Observe(took.Seconds())
		s.logAccess(c, end, method, route, status, took)
		return err
	}
}

// logAccess writes the access line through the logger's handler with the
// time countRequests already read: Logger.LogAttrs would read the clock
// again and walk the stack for a source position nobody prints, on every
// request.
func (s *Server) logAccess(c echo.Context, end time.Time, method, route string, status int, took time.Duration) {
	ctx, h := c.Request().Context(), s.cfg.Logger.Handler()
	if !h.Enabled(ctx, slog.LevelInfo) {
		return
	}
	r := slog.NewRecord(end, slog.LevelInfo, "request", 0)
	r.AddAttrs(slog.String("method", method), slog.String("route", route), slog.Int("status", status),
		slog.Float64("latency_ms", float64(took.Microseconds())/1000),
		slog.String("request_id", c.Response().Header().Get("X-Request-Id")))
	_ = h.Handle(ctx, r) // as Logger.LogAttrs: a failed log write has nowhere to go
}

// routeLabel is the route template of c's request, or "unmatched" when no
// route matched (the raw path is never a label).
func routeLabel(c echo.Context, err error) string {
	route := c.Path()
	if route == "" || c.Response().Status == http.StatusNotFound && err != nil {
		return "unmatched"
	}
	return route
}

// methodLabel is method when it is a standard HTTP method, else "other"
// (a client may send any token as its method: labels stay bounded).
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}

// serveMetrics serves the registry in the Prometheus exposition format.
func (s *Server) serveMetrics(c echo.Context) error {
	promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{}).ServeHTTP(c.Response(), c.Request())
	return nil
}
