package main

import (
	"context"
	"sort"
)

// Row is one line of the harness's table: a measured path beside the limit it
// is compared with, both measured in the same run.
type Row struct {
	Path  string  // e.g. "get-session, c=32"
	Ours  float64 // authledger's rate (higher is better)
	Limit float64 // the reference's rate in the same run (0: none)
	Unit  string  // e.g. "req/s", "events/s"
	Goal  float64 // the goal as a ratio Ours/Limit, or as an absolute Ours when Limit is 0
	Note  string  // p99, heap, or how the limit was measured
	// Metric is an optional extra figure of the run (e.g. a p99 latency in
	// ms), folded into a median like Ours and printed after Note with
	// MetricFormat (a fmt verb such as "p99 %.2f ms"); empty: not shown.
	Metric       float64
	MetricFormat string
	// LimitMetric is that figure for the reference, folded and printed the
	// same way (before Metric) with LimitMetricFormat; empty: not shown.
	LimitMetric       float64
	LimitMetricFormat string
	// Lower marks an absolute goal that is a ceiling (memory): met when
	// Ours is below Goal.
	Lower bool
	// Parts are further figures of the run (e.g. how long each phase of a
	// rebuild took), each folded into a median and printed last.
	Parts []Part
}

// Part is one further figure of a row, printed with Format (a fmt verb
// such as "promote %.1f s").
type Part struct {
	Format string
	Value  float64
}

// Ratio is Ours/Limit, or 0 when there is no limit.
func (r Row) Ratio() float64 {
	if r.Limit == 0 {
		return 0
	}
	return r.Ours / r.Limit
}

// Met reports whether the row is at or past its goal.
func (r Row) Met() bool {
	switch {
	case r.Limit == 0 && r.Lower:
		return r.Ours < r.Goal
	case r.Limit == 0:
		return r.Ours >= r.Goal
	}
	return r.Ratio() >= r.Goal
}

// Options are the harness settings every suite sees.
type Options struct {
	Binary   string  // the authledger binary the harness built
	WorkDir  string  // a scratch directory the suite may fill
	Postgres string  // a PostgreSQL URL, or empty: PostgreSQL rows are skipped and say so
	Quick    bool    // smaller workloads for a smoke run
	Machine  machine // the host; Machine.pinned runs a command on given CPUs
}

// Suite measures a group of rows once; the harness runs it several times and
// reports medians.
type Suite struct {
	Name string
	Run  func(ctx context.Context, o Options) ([]Row, error)
}

// allSuites is every suite, in the order the table prints them: the HTTP
// paths beside their references, then the store paths.
func allSuites() []Suite {
	return []Suite{
		{Name: "session-memory", Run: sessionMemorySuite},
		{Name: "get-session", Run: getSessionSuite},
		{Name: "sign-in", Run: signInSuite},
		{Name: "store-rebuild", Run: storeRebuildSuite},
		{Name: "store-signup", Run: storeSignUpSuite},
		{Name: "store-append", Run: storeAppendSuite},
		{Name: "store-coldload", Run: storeColdSuite},
	}
}

// median of the values (the upper one of an even count).
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}
