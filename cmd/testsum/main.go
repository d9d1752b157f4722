// Command testsum runs go test -json over the module, streams the output a
// plain go test would print (a line per package, the output of failing
// tests), and ends with a summary: every skipped test with its reason,
// every failed test, and how long the run took. It exits with go test's
// status, so it can stand wherever go test stood.
//
// Usage:
//
//	go run ./cmd/testsum [go test flags] [packages]
//
// With no arguments it tests ./... . A plain go test prints "ok" for a
// package whose heavy suites all skipped for a missing tool; this summary
// is how a developer (and CI, where a missing tool fails instead) sees them.
// go test -json has no summary of its own and gotestsum is not a dependency
// of the module, hence these few hand-written lines.
package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout))
}

// run runs go test -json with args, prints to w, and returns go test's
// exit status (2 when go test could not be run or read).
func run(args []string, w io.Writer) int {
	if len(args) == 0 {
		args = []string{"./..."}
	}
	cmd := exec.Command("go", append([]string{"test", "-json"}, args...)...)
	cmd.Stdin, cmd.Stderr = os.Stdin, os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsum:", err)
		return 2
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "testsum:", err)
		return 2
	}
	sum := newSummary(w)
	readErr := sum.read(out)
	waitErr := cmd.Wait()
	sum.report(time.Since(start))
	if readErr != nil {
		fmt.Fprintln(os.Stderr, "testsum: reading go test -json:", readErr)
		return 2
	}
	if waitErr != nil {
		if exit, ok := waitErr.(*exec.ExitError); ok {
			return exit.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "testsum:", waitErr)
		return 2
	}
	return 0
}
