package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestParseWrk reads the figures the harness uses from wrk reports: a
// real report with refused answers (testdata), and the forms of the
// socket error line and latency units.
func TestParseWrk(t *testing.T) {
	real, err := os.ReadFile("testdata/wrk-non2xx.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		out     string
		want    wrkResult
		wantErr bool
	}{
		{"real report", string(real), wrkResult{Rate: 1955.02, P99: 121270 * time.Microsecond, Errors: 1984}, false},
		{"socket errors, p99 in µs", "  Latency Distribution\n     50%  105.00us\n     99%  812.50us\n" +
			"  Socket errors: connect 1, read 2, write 0, timeout 3\nRequests/sec:  98765.40\n",
			wrkResult{Rate: 98765.40, P99: 812500 * time.Nanosecond, Errors: 6}, false},
		{"p99 in seconds", "     99%    1.20s\nRequests/sec:      7.50\n", wrkResult{Rate: 7.5, P99: 1200 * time.Millisecond}, false},
		{"no rate", "unable to connect to 127.0.0.1:1 Connection refused\n", wrkResult{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseWrk(tt.out)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("parseWrk = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestMediansAndMet: medians fold each row's figures across runs, and a
// row meets its goal as a ratio, as a floor or as a ceiling.
func TestMediansAndMet(t *testing.T) {
	runs := [][]Row{
		{{Path: "a", Ours: 3, Limit: 10, Goal: 0.5, Metric: 9, LimitMetric: 4}},
		{{Path: "a", Ours: 6, Limit: 10, Goal: 0.5, Metric: 1, LimitMetric: 8}},
		{{Path: "a", Ours: 5, Limit: 12, Goal: 0.5, Metric: 2, LimitMetric: 7}},
	}
	got := medians(runs)[0]
	if got.Ours != 5 || got.Limit != 10 || got.Metric != 2 || got.LimitMetric != 7 || !got.Met() {
		t.Errorf("medians = %+v (met %v)", got, got.Met())
	}
	tests := []struct {
		row  Row
		want bool
	}{
		{Row{Ours: 5, Limit: 10, Goal: 0.6}, false},
		{Row{Ours: 2000, Goal: 1500}, true},
		{Row{Ours: 202, Goal: 220, Lower: true}, true},
		{Row{Ours: 289, Goal: 220, Lower: true}, false},
	}
	for _, tt := range tests {
		if tt.row.Met() != tt.want {
			t.Errorf("%+v met = %v, want %v", tt.row, !tt.want, tt.want)
		}
	}
}

// TestChosenSuites: -only names known suites; an unknown one is an error
// listing the suites, never an empty table.
func TestChosenSuites(t *testing.T) {
	tests := []struct {
		only    string
		want    int
		wantErr bool
	}{
		{"", 0, false},
		{"get-session,sign-in", 2, false},
		{"get-session,,store-rebuild", 2, false},
		{"get-sesion", 0, true},
	}
	for _, tt := range tests {
		got, err := chosenSuites(tt.only)
		if (err != nil) != tt.wantErr || len(got) != tt.want {
			t.Errorf("chosenSuites(%q) = %v, %v; want %d names, error %v", tt.only, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "store-coldload") {
			t.Errorf("the error does not list the suites: %v", err)
		}
	}
}

// TestNoteText: a row's note, then the reference's metric, then its own,
// each only when it has a format.
func TestNoteText(t *testing.T) {
	tests := []struct {
		row  Row
		want string
	}{
		{Row{Note: "n"}, "n"},
		{Row{Note: "n", Metric: 4.5, MetricFormat: "p99 %.2f ms"}, "n; p99 4.50 ms"},
		{Row{Note: "n", Metric: 4.5, MetricFormat: "p99 %.2f ms", LimitMetric: 2.25, LimitMetricFormat: "its p99 %.2f ms"},
			"n; its p99 2.25 ms; p99 4.50 ms"},
		{Row{Metric: 3, MetricFormat: "%.0f ms"}, "3 ms"},
	}
	for _, tt := range tests {
		if got := noteText(tt.row); got != tt.want {
			t.Errorf("noteText(%+v) = %q, want %q", tt.row, got, tt.want)
		}
	}
}
