package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestSummaryGolden feeds a recorded go test -json stream (a module with a
// pass, a skip with a reason, a skipped subtest, a silent skip, a failure,
// a panic, a build error and a package without tests) through the summary
// and compares what it prints with testdata/run.golden.
func TestSummaryGolden(t *testing.T) {
	in, err := os.Open(filepath.Join("testdata", "run.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var out bytes.Buffer
	s := newSummary(&out)
	if err := s.read(in); err != nil {
		t.Fatal(err)
	}
	s.report(83*time.Second + 420*time.Millisecond)
	golden := filepath.Join("testdata", "run.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("summary differs from %s (rerun with -update after checking):\n%s", golden, out.String())
	}
}

// TestSummaryCounts checks the figures behind the golden text, so an
// -update cannot silently bless a summary that lost a skip or a failure.
func TestSummaryCounts(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "run.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := newSummary(&out)
	if err := s.read(bytes.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	if len(s.skipped) != 3 || len(s.failed) != 2 || s.passed != 4 {
		t.Errorf("skipped %d, failed %d, passed %d; want 3, 2, 4", len(s.skipped), len(s.failed), s.passed)
	}
	reasons := map[string]string{}
	for _, o := range s.skipped {
		reasons[o.test] = o.reason
	}
	for test, want := range map[string]string{
		"TestSkipsForATool":  "node is missing",
		"TestTable/postgres": "AUTHLEDGER_TEST_POSTGRES",
		"TestSkipsSilently":  "(no reason given)",
	} {
		if !strings.Contains(reasons[test], want) {
			t.Errorf("reason of %s = %q, want it to contain %q", test, reasons[test], want)
		}
	}
	if len(s.badPkgs) != 1 || !strings.HasSuffix(s.badPkgs[0], "/e") {
		t.Errorf("packages failed outside a test: %v, want the one that does not build", s.badPkgs)
	}
	if strings.Contains(out.String(), "=== RUN") {
		t.Error("the streamed output carries -v framing lines a plain go test would not print")
	}
	if !strings.Contains(out.String(), "got 1, want 2") || !strings.Contains(out.String(), "panic: boom") {
		t.Error("the streamed output lacks a failing test's log or a panic")
	}
}

// TestRunExitStatus runs testsum's own go test on a package that fails to
// build and checks the status is go test's, not 0.
func TestRunExitStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test (skipped in -short mode)")
	}
	var out bytes.Buffer
	if code := run([]string{"-run", "^$", "./testdata/nosuchpkg"}, &out); code == 0 {
		t.Error("run on a package that does not exist exited 0")
	}
	if !strings.Contains(out.String(), "=== testsum:") || !strings.Contains(out.String(), "the run took") {
		t.Errorf("no summary printed:\n%s", out.String())
	}
}
