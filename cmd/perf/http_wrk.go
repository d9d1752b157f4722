package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"time"
)

// wrkResult is what the harness reads from wrk's report.
type wrkResult struct {
	Rate   float64       // Requests/sec
	P99    time.Duration // latency p99 (--latency)
	Errors int           // non-2xx/3xx answers and socket errors
}

// wrkRun drives url with wrk pinned to cpus: one thread, conns
// connections, for d; headers are "Name: value" lines; script is an
// optional Lua file (a POST body).
func wrkRun(ctx context.Context, m machine, cpus, url string, conns int, d time.Duration, script string, headers ...string) (wrkResult, error) {
	args := []string{"wrk", "-t1", "-c" + strconv.Itoa(conns), "-d" + strconv.Itoa(int(d.Seconds())) + "s",
		"--latency", "--timeout", "10s"}
	for _, h := range headers {
		args = append(args, "-H", h)
	}
	if script != "" {
		args = append(args, "-s", script)
	}
	argv := m.pinned(cpus, append(args, url)...)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %w", err)
	}
	return parseWrk(string(out))
}

var (
	wrkRate   = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkP99    = regexp.MustCompile(`(?m)^\s+99%\s+([0-9.]+)(us|ms|s)\b`)
	wrkNon2xx = regexp.MustCompile(`Non-2xx or 3xx responses:\s+(\d+)`)
	wrkSocket = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

// rounds is how many alternating slices a suite splits each measurement
// into: on a shared machine the load drifts, and alternating the path and
// its reference keeps their ratio fair.
const rounds = 3

// add folds another slice of equal length into r: rates average, the p99
// is the worst slice's, errors add up.
func (r *wrkResult) add(o wrkResult, n int) {
	r.Rate += o.Rate / float64(n)
	r.P99 = max(r.P99, o.P99)
	r.Errors += o.Errors
}

// parseWrk reads the rate, the p99 latency and the error counts of a wrk
// report made with --latency.
func parseWrk(out string) (wrkResult, error) {
	var r wrkResult
	m := wrkRate.FindStringSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("wrk: no Requests/sec in its report")
	}
	r.Rate, _ = strconv.ParseFloat(m[1], 64)
	if m := wrkP99.FindStringSubmatch(out); m != nil {
		v, _ := strconv.ParseFloat(m[1], 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[m[2]]
		r.P99 = time.Duration(v * float64(unit))
	}
	if m := wrkNon2xx.FindStringSubmatch(out); m != nil {
		r.Errors, _ = strconv.Atoi(m[1])
	}
	if m := wrkSocket.FindStringSubmatch(out); m != nil {
		for _, s := range m[1:] {
			n, _ := strconv.Atoi(s)
			r.Errors += n
		}
	}
	return r, nil
}
