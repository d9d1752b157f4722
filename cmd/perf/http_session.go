package main

import (
	"context"
	"os"
	"path/filepath"
	"time"
)

// getSessionSuite: GET /api/auth/get-session with a signed-in cookie at 32
// connections, authledger (SQLite) against the bare Echo handler that
// verifies the same cookie and answers the same body, both on CPU 0 (the
// idle one waits) with wrk on CPU 1, in alternating slices of the same run.
func getSessionSuite(ctx context.Context, o Options) ([]Row, error) {
	m, d := o.Machine, 12*time.Second
	if o.Quick {
		d = 3 * time.Second
	}
	dir, err := os.MkdirTemp(o.WorkDir, "get-session-")
	if err != nil {
		return nil, err
	}
	srv, err := startServer(ctx, o, m, "0", dir)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	cookie, err := srv.signUp("perf@example.com", "correct horse battery staple")
	if err != nil {
		return nil, err
	}
	body, err := srv.get("/api/auth/get-session", cookie)
	if err != nil {
		return nil, err
	}
	bodyFile := filepath.Join(dir, "session.json")
	if err := os.WriteFile(bodyFile, body, 0o600); err != nil {
		return nil, err
	}
	bareURL, stopBare, err := startBareEcho(m, "0", srv.Secret, bodyFile)
	if err != nil {
		return nil, err
	}
	defer stopBare()
	var ours, bare wrkResult
	for range rounds {
		o, err := wrkRun(ctx, m, "1", srv.URL+"/api/auth/get-session", 32, d/rounds, "", "Cookie: "+cookie)
		if err != nil {
			return nil, err
		}
		ours.add(o, rounds)
		l, err := wrkRun(ctx, m, "1", bareURL+"/api/auth/get-session", 32, d/rounds, "", "Cookie: "+cookie)
		if err != nil {
			return nil, err
		}
		bare.add(l, rounds)
	}
	note := "limit: bare Echo handler verifying the same cookie"
	if ours.Errors+bare.Errors > 0 {
		note += "; ERRORS in the run"
	}
	return []Row{{Path: "get-session, c=32", Ours: ours.Rate, Limit: bare.Rate, Unit: "req/s", Goal: 0.6,
		Note: note, Metric: float64(ours.P99.Microseconds()) / 1000, MetricFormat: "p99 %.2f ms (goal < 2)",
		LimitMetric: float64(bare.P99.Microseconds()) / 1000, LimitMetricFormat: "its p99 %.2f ms"}}, nil
}
