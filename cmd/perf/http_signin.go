package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// signInSuite: POST /api/auth/sign-in/email (right password, production
// Argon2id settings) at 4 connections, against the raw Argon2id loop on
// the same cores, in alternating slices (the server idles meanwhile): first
// the server on CPU 0 (wrk on CPU 1), then on both cores (wrk beside it;
// it needs little at these rates).
func signInSuite(ctx context.Context, o Options) ([]Row, error) {
	d, raw := 15*time.Second, 9*time.Second
	if o.Quick {
		d, raw = 6*time.Second, 3*time.Second
	}
	one, err := signInRow(ctx, o, "sign-in, c=4, 1 core", "0", "1", 1, d, raw)
	if err != nil {
		return nil, err
	}
	if o.Machine.Cores < 2 {
		return []Row{one}, nil
	}
	two, err := signInRow(ctx, o, "sign-in, c=4, 2 cores", "0,1", "0,1", 2, d, raw)
	if err != nil {
		return nil, err
	}
	two.Goal = 0.9
	return []Row{one, two}, nil
}

func signInRow(ctx context.Context, o Options, path, serverCPUs, wrkCPUs string, cores int, d, raw time.Duration) (Row, error) {
	m := o.Machine
	dir, err := os.MkdirTemp(o.WorkDir, "sign-in-")
	if err != nil {
		return Row{}, err
	}
	// one hash slot per connection: a client never waits for a slot
	srv, err := startServer(ctx, o, m, serverCPUs, dir, "--max-hashes", "4")
	if err != nil {
		return Row{}, err
	}
	defer srv.stop()
	const email, password = "perf@example.com", "correct horse battery staple"
	if _, err := srv.signUp(email, password); err != nil {
		return Row{}, err
	}
	script := filepath.Join(dir, "sign-in.lua")
	lua := fmt.Sprintf("wrk.method = \"POST\"\nwrk.body = '{\"email\":%q,\"password\":%q}'\n"+
		"wrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Origin\"] = %q\n", email, password, srv.URL)
	if err := os.WriteFile(script, []byte(lua), 0o600); err != nil {
		return Row{}, err
	}
	var ours wrkResult
	limit := 0.0
	for range rounds {
		o, err := wrkRun(ctx, m, wrkCPUs, srv.URL+"/api/auth/sign-in/email", 4, d/rounds, script)
		if err != nil {
			return Row{}, err
		}
		ours.add(o, rounds)
		l, err := rawArgon2(ctx, m, serverCPUs, cores, raw/rounds)
		if err != nil {
			return Row{}, err
		}
		limit += l / rounds
	}
	note := fmt.Sprintf("limit: raw Argon2id m=19456,t=2,p=1 on the same %d core(s)", cores)
	if ours.Errors > 0 {
		note += fmt.Sprintf("; %d ERRORS", ours.Errors)
	}
	return Row{Path: path, Ours: ours.Rate, Limit: limit, Unit: "req/s", Goal: 0.85, Note: note,
		Metric: float64(ours.P99.Microseconds()) / 1000, MetricFormat: "p99 %.0f ms"}, nil
}
