package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestVersionCommand: the built binary names its version on the first
// line and its VCS revision (the test binary's build records it from this
// checkout) and Go version after it; --json gives the same as one object;
// anything else is a usage error.
func TestVersionCommand(t *testing.T) {
	bin := authledgerBinary(t)
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if !strings.HasPrefix(lines[0], "authledger ") || lines[len(lines)-1] != runtime.Version() {
		t.Errorf("version printed %q", out)
	}
	out, err = exec.Command(bin, "version", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var v buildVersion
	if err := json.Unmarshal(out, &v); err != nil || v.Version == "" || v.Go != runtime.Version() {
		t.Errorf("version --json = %s (%v)", out, err)
	}
	if head, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil && v.Revision != "" &&
		v.Revision != strings.TrimSpace(string(head)) {
		t.Errorf("revision %q, want this checkout's %s", v.Revision, head)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "version", "--yaml")
	cmd.Stderr = &stderr
	var ee *exec.ExitError
	if err := cmd.Run(); !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Errorf("version --yaml: %v (%s), want exit 2", err, stderr.String())
	}
}
