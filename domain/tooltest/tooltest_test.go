package tooltest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records how a helper ended it.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}

// Skipf records the message and ends the goroutine, as testing's does.
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// Fatalf records the message and ends the goroutine, as testing's does.
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// run calls fn on its own goroutine, as a test body, and waits for it.
func run(fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	<-done
}

// TestMissing checks the one rule: a skip naming the tool locally, a failure
// naming the tool and its install hint under CI=true.
func TestMissing(t *testing.T) {
	for _, c := range []struct {
		ci         string
		skip, fail bool
	}{{"", true, false}, {"false", true, false}, {"true", false, true}} {
		t.Setenv("CI", c.ci)
		r := &recorder{TB: t}
		run(func() { Missing(r, "node", "apt-get install nodejs npm") })
		if (r.skipped != "") != c.skip || (r.failed != "") != c.fail {
			t.Fatalf("CI=%q: skipped %q, failed %q", c.ci, r.skipped, r.failed)
		}
		msg := r.skipped + r.failed
		if !strings.Contains(msg, "node is missing") || !strings.Contains(msg, "apt-get install nodejs npm") {
			t.Errorf("CI=%q: message %q does not name the tool and its install", c.ci, msg)
		}
	}
}

// TestLookPathAndPostgres checks the two lookups call Missing only when the
// tool is absent.
func TestLookPathAndPostgres(t *testing.T) {
	t.Setenv("CI", "true")
	t.Setenv("PATH", t.TempDir())
	r := &recorder{TB: t}
	run(func() { LookPath(r, "node", "x") })
	if !strings.Contains(r.failed, "node is missing") {
		t.Errorf("LookPath on an empty PATH: failed %q", r.failed)
	}
	t.Setenv(PostgresEnv, "")
	r = &recorder{TB: t}
	run(func() { PostgresURL(r) })
	if !strings.Contains(r.failed, PostgresEnv) {
		t.Errorf("PostgresURL unset: failed %q", r.failed)
	}
	t.Setenv(PostgresEnv, "postgres://x")
	r = &recorder{TB: t}
	var u string
	run(func() { u = PostgresURL(r) })
	if u != "postgres://x" || r.failed != "" || r.skipped != "" {
		t.Errorf("PostgresURL set: %q, %q %q", u, r.failed, r.skipped)
	}
}
