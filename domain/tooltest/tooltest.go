// Package tooltest decides what a test does when a tool it needs is
// missing: Node and npm, Chromium, oathtool, python3, a PostgreSQL server
// (AUTHLEDGER_TEST_POSTGRES), Hydra, root and initdb for a private cluster.
//
// On a developer's machine the test skips and says which tool is missing and
// how to get it (the skip summary of go run ./cmd/testsum lists it). Under
// CI=true, where .ci/run installs every one of these tools, the same test
// fails instead, naming the tool: a suite that did not run must never look
// like a pass. Skips for -short stay skips everywhere.
package tooltest

import (
	"os"
	"os/exec"
	"testing"
)

// PostgresEnv names the variable holding the test PostgreSQL server's URL.
const PostgresEnv = "AUTHLEDGER_TEST_POSTGRES"

// PostgresHint says how to get a PostgreSQL server for the tests.
const PostgresHint = "set " + PostgresEnv + " to a server URL, e.g. " +
	"postgres://postgres@127.0.0.1:5432/authledger_test?sslmode=disable; .ci/run starts PostgreSQL and sets it"

// CI reports whether the tests run under CI (CI=true), where every tool
// .ci/run installs is required.
func CI() bool { return os.Getenv("CI") == "true" }

// Missing ends t because tool is missing: a skip giving the reason and
// install (how to get the tool), or under CI=true a failure naming both.
func Missing(t testing.TB, tool, install string) {
	t.Helper()
	if CI() {
		t.Fatalf("%s is missing and CI=true requires it (%s)", tool, install)
	}
	t.Skipf("%s is missing: skipped (%s; under CI=true this fails)", tool, install)
}

// LookPath returns the path of the executable name, or ends t through
// Missing with install as the hint.
func LookPath(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, install)
	}
	return p
}

// PostgresURL returns the test server's URL from AUTHLEDGER_TEST_POSTGRES,
// or ends t through Missing.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(PostgresEnv)
	if u == "" {
		Missing(t, "PostgreSQL ("+PostgresEnv+")", PostgresHint)
	}
	return u
}
