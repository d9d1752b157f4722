package main

import (
	"os"
	"reflect"
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

// TestMedianParts: each part is folded on its own (the upper median of an
// even count, as for the rows); a run that reported fewer parts (or none)
// leaves the others' medians to the runs that did.
func TestMedianParts(t *testing.T) {
	p := func(a, b float64) []Part { return []Part{{"a %.0f", a}, {"b %.0f", b}} }
	runs := [][]Row{
		{{Path: "x", Parts: p(3, 30)}, {Path: "y"}},
		{{Path: "x", Parts: p(1, 10)}, {Path: "y"}},
		{{Path: "x", Parts: p(2, 50)}, {Path: "y"}},
		{{Path: "x", Parts: p(9, 40)[:1]}, {Path: "y"}},
	}
	got := medians(runs)
	if want := p(3, 30); !reflect.DeepEqual(got[0].Parts, want) {
		t.Errorf("parts = %+v, want %+v", got[0].Parts, want)
	}
	if got[1].Parts != nil {
		t.Errorf("a row without parts got %+v", got[1].Parts)
	}
}

// TestRebuildPhases reads the phases from the last line of "projections
// rebuild" and of "replay"; output without them gives none.
func TestRebuildPhases(t *testing.T) {
	got := rebuildPhases("rebuilt all projections in 21.042s (catch-up 12.301s, carried rows 712ms, promote 8.012s)\n")
	want := []Part{{"catch-up %.1f s", 12.301}, {"carried rows %.1f s", 0.712}, {"promote %.1f s", 8.012}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rebuildPhases = %+v, want %+v", got, want)
	}
	replayed := rebuildPhases("replayed 1000000 events up to position 1000000 into /tmp/r in 24.1s (41478 events/s; catch-up 12.301s, carried rows 712ms, promote 8.012s)\n")
	if !reflect.DeepEqual(replayed, want) {
		t.Errorf("rebuildPhases of a replay = %+v, want %+v", replayed, want)
	}
	for _, out := range []string{"rebuilt all projections in 21.042s\n", "(catch-up x, carried rows 1s, promote 1s)", ""} {
		if got := rebuildPhases(out); got != nil {
			t.Errorf("rebuildPhases(%q) = %+v, want none", out, got)
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
		{Row{Note: "n", Metric: 3, MetricFormat: "%.0f ms", Parts: []Part{{"a %.1f s", 1.25}, {"b %.1f s", 2}}},
			"n; 3 ms; a 1.2 s; b 2.0 s"},
	}
	for _, tt := range tests {
		if got := noteText(tt.row); got != tt.want {
			t.Errorf("noteText(%+v) = %q, want %q", tt.row, got, tt.want)
		}
	}
}
