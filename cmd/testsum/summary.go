package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// event is one line of go test -json (cmd/test2json's TestEvent).
type event struct {
	Action     string
	Package    string
	ImportPath string // build-output and build-fail events
	Test       string
	Output     string
}

// outcome is one skipped or failed test and why.
type outcome struct {
	pkg, test, reason string
}

// summary follows a go test -json stream: it prints what plain go test
// would and remembers skips and failures for the report.
type summary struct {
	w       io.Writer
	pending map[string][]string // test output not yet settled, by package+"\x00"+test
	passed  int
	skipped []outcome
	failed  []outcome
	badPkgs []string // packages that failed outside any test (build, panic, timeout)
}

// newSummary returns a summary that prints to w.
func newSummary(w io.Writer) *summary {
	return &summary{w: w, pending: map[string][]string{}}
}

// read consumes the stream; lines that are not JSON (go's own errors) are
// printed as they are.
func (s *summary) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Action == "" {
			fmt.Fprintln(s.w, sc.Text())
			continue
		}
		s.handle(e)
	}
	return sc.Err()
}

// handle applies one event.
func (s *summary) handle(e event) {
	key := e.Package + "\x00" + e.Test
	switch {
	case e.Action == "build-output":
		fmt.Fprint(s.w, e.Output)
	case e.Action == "output":
		s.pending[key] = append(s.pending[key], e.Output)
	case e.Test != "" && e.Action == "pass":
		s.passed++
		delete(s.pending, key)
	case e.Test != "" && e.Action == "skip":
		s.skipped = append(s.skipped, outcome{e.Package, e.Test, skipReason(s.pending[key])})
		delete(s.pending, key)
	case e.Test != "" && e.Action == "fail":
		s.failed = append(s.failed, outcome{e.Package, e.Test, ""})
		s.printUnframed(s.pending[key])
		delete(s.pending, key)
	case e.Test == "" && (e.Action == "pass" || e.Action == "skip" || e.Action == "fail"):
		s.endPackage(e)
	}
}

// endPackage prints a package's closing lines: the "ok" or "?" line as
// plain go test does, or on failure everything it left unsettled (a panic,
// a timeout, a build error) and its FAIL lines.
func (s *summary) endPackage(e event) {
	prefix := e.Package + "\x00"
	var unsettled []string
	for key := range s.pending {
		if strings.HasPrefix(key, prefix) && key != prefix {
			unsettled = append(unsettled, key)
		}
	}
	sort.Strings(unsettled)
	own := s.pending[prefix]
	delete(s.pending, prefix)
	for _, key := range unsettled {
		if e.Action == "fail" {
			s.printUnframed(s.pending[key])
		}
		delete(s.pending, key)
	}
	for _, line := range own {
		if e.Action == "fail" || strings.HasPrefix(line, "ok ") || strings.HasPrefix(line, "? ") {
			fmt.Fprint(s.w, line)
		}
	}
	if e.Action == "fail" && (len(unsettled) > 0 || !s.hasFailure(e.Package)) {
		s.badPkgs = append(s.badPkgs, e.Package)
	}
}

// printUnframed prints a test's output without the "=== RUN"-style
// framing lines that -json adds and a plain go test does not print.
func (s *summary) printUnframed(lines []string) {
	for _, l := range lines {
		if !strings.HasPrefix(l, "=== ") {
			fmt.Fprint(s.w, l)
		}
	}
}

// hasFailure reports whether a test of pkg already failed.
func (s *summary) hasFailure(pkg string) bool {
	for _, f := range s.failed {
		if f.pkg == pkg {
			return true
		}
	}
	return false
}

// skipReason is what a skipped test logged, minus the framing lines.
func skipReason(lines []string) string {
	var parts []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- SKIP") {
			continue
		}
		parts = append(parts, l)
	}
	if len(parts) == 0 {
		return "(no reason given)"
	}
	return strings.Join(parts, " / ")
}

// report prints the summary: skips with reasons, failures, counts and the
// duration of the run.
func (s *summary) report(took time.Duration) {
	fmt.Fprintf(s.w, "\n=== testsum: %d passed, %d skipped, %d failed", s.passed, len(s.skipped), len(s.failed))
	if len(s.badPkgs) > 0 {
		fmt.Fprintf(s.w, ", %d package(s) failed outside a test", len(s.badPkgs))
	}
	fmt.Fprintf(s.w, "; the run took %s\n", took.Round(100*time.Millisecond))
	if len(s.skipped) > 0 {
		fmt.Fprintln(s.w, "Skipped:")
		for _, o := range s.skipped {
			fmt.Fprintf(s.w, "  SKIP %s %s: %s\n", o.pkg, o.test, o.reason)
		}
	}
	if len(s.failed)+len(s.badPkgs) > 0 {
		fmt.Fprintln(s.w, "Failed:")
		for _, o := range s.failed {
			fmt.Fprintf(s.w, "  FAIL %s %s\n", o.pkg, o.test)
		}
		for _, p := range s.badPkgs {
			fmt.Fprintf(s.w, "  FAIL %s (outside a test: build error, panic or timeout; see above)\n", p)
		}
	}
}
