package postgres

import (
	"os"
	"testing"
)

// missingTool ends t because a tool it needs is missing: a skip giving the
// reason on a developer's machine, a failure naming the tool under CI=true,
// where .ci/run installs every tool the suite uses (a suite that did not
// run must not look like a pass there).
func missingTool(t testing.TB, tool, install string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing and CI=true requires it (%s)", tool, install)
	}
	t.Skipf("%s is missing: skipped (%s; under CI=true this fails)", tool, install)
}
