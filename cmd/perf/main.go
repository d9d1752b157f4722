// Command perf is authledger's performance harness. It builds the server,
// measures each path beside the limit of the machine in the same run (a bare
// Echo handler, the raw Argon2id loop, the store's own scan and insert rates),
// and prints one table of medians and ratios, with the machine's
// description and its load average before and after.
//
//	go run ./cmd/perf [-runs 3] [-only suite,suite] [-quick]
//
// With taskset and two or more cores, servers and references run pinned to
// CPU 0 and the load generator (Debian's wrk) to CPU 1. The references run
// as hidden roles of this same binary (roles.go), so they are built from
// the same libraries as the server. On a shared machine the figures drift:
// compare ratios, never absolute rates across runs.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
)

func main() {
	if runRole() {
		return
	}
	if err := harness(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "perf:", err)
		os.Exit(1)
	}
}

func harness(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("perf", flag.ContinueOnError)
	runs := fs.Int("runs", 3, "runs of each suite; the table shows medians")
	only := fs.String("only", "", "comma-separated suite names (default: all)")
	quick := fs.Bool("quick", false, "smaller workloads (a smoke run, not a measurement)")
	pg := fs.String("postgres", os.Getenv("AUTHLEDGER_TEST_POSTGRES"), "PostgreSQL URL for the PostgreSQL rows")
	if err := fs.Parse(args); err != nil {
		return err
	}
	want, err := chosenSuites(*only)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "authledger-perf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	bin := filepath.Join(work, "authledger")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/authledger")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the server: %w", err)
	}
	m := describeMachine()
	fmt.Fprintf(out, "machine: %s\nload average before: %s\nruns per suite: %d (medians)\n\n", m, loadAverage(), *runs)
	o := Options{Binary: bin, WorkDir: work, Postgres: *pg, Quick: *quick, Machine: m}
	var table []Row
	for _, s := range allSuites() {
		if len(want) > 0 && !want[s.Name] {
			continue
		}
		var all [][]Row
		for i := 0; i < *runs; i++ {
			rows, err := s.Run(ctx, o)
			if err != nil {
				return fmt.Errorf("suite %s: %w", s.Name, err)
			}
			all = append(all, rows)
		}
		table = append(table, medians(all)...)
	}
	printTable(out, table)
	fmt.Fprintf(out, "\nload average after: %s\n", loadAverage())
	return nil
}

// medians folds several runs of one suite into one row per path.
func medians(runs [][]Row) []Row {
	if len(runs) == 0 {
		return nil
	}
	out := make([]Row, len(runs[0]))
	for i, r := range runs[0] {
		var ours, limit, metric, limitMetric []float64
		for _, run := range runs {
			if i < len(run) {
				ours = append(ours, run[i].Ours)
				limit = append(limit, run[i].Limit)
				metric = append(metric, run[i].Metric)
				limitMetric = append(limitMetric, run[i].LimitMetric)
			}
		}
		r.Ours, r.Limit, r.Metric, r.LimitMetric = median(ours), median(limit), median(metric), median(limitMetric)
		r.Parts = medianParts(runs, i)
		out[i] = r
	}
	return out
}

// medianParts folds the Parts of row i over the runs, part by part (the
// first run's formats; a run with fewer parts adds nothing to the rest).
func medianParts(runs [][]Row, i int) []Part {
	if i >= len(runs[0]) || len(runs[0][i].Parts) == 0 {
		return nil
	}
	parts := slices.Clone(runs[0][i].Parts)
	for k := range parts {
		var v []float64
		for _, run := range runs {
			if i < len(run) && k < len(run[i].Parts) {
				v = append(v, run[i].Parts[k].Value)
			}
		}
		parts[k].Value = median(v)
	}
	return parts
}

func printTable(w io.Writer, rows []Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "path\tauthledger\tlimit\tratio\tgoal\tmet\tnote")
	for _, r := range rows {
		ratio, goal := "—", fmt.Sprintf("≥ %.0f %s", r.Goal, r.Unit)
		if r.Lower {
			goal = fmt.Sprintf("< %.0f %s", r.Goal, r.Unit)
		}
		if r.Limit > 0 {
			ratio, goal = fmt.Sprintf("%.2f", r.Ratio()), fmt.Sprintf("≥ %.2f×", r.Goal)
		}
		fmt.Fprintf(tw, "%s\t%.0f %s\t%s\t%s\t%s\t%v\t%s\n", r.Path, r.Ours, r.Unit, limitText(r), ratio, goal, r.Met(), noteText(r))
	}
	tw.Flush()
}

// noteText is the row's note followed by the reference's median metric
// and its own, when they are shown.
func noteText(r Row) string {
	parts := []string{r.Note}
	if r.LimitMetricFormat != "" {
		parts = append(parts, fmt.Sprintf(r.LimitMetricFormat, r.LimitMetric))
	}
	if r.MetricFormat != "" {
		parts = append(parts, fmt.Sprintf(r.MetricFormat, r.Metric))
	}
	for _, p := range r.Parts {
		parts = append(parts, fmt.Sprintf(p.Format, p.Value))
	}
	return strings.Trim(strings.Join(parts, "; "), "; ")
}

func limitText(r Row) string {
	if r.Limit == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f %s", r.Limit, r.Unit)
}

// chosenSuites reads -only: the set of suite names asked for (empty: all).
// A name that is no suite is an error naming the suites there are.
func chosenSuites(only string) (map[string]bool, error) {
	known := map[string]bool{}
	var names []string
	for _, s := range allSuites() {
		known[s.Name] = true
		names = append(names, s.Name)
	}
	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		if n == "" {
			continue
		}
		if !known[n] {
			return nil, fmt.Errorf("-only: no suite %q (suites: %s)", n, strings.Join(names, ", "))
		}
		want[n] = true
	}
	return want, nil
}
