package main

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestImageBuildIsStatic runs the Dockerfile's own build command (its RUN
// line with "go build", output redirected to a temporary file) and checks
// the result is a static executable: no ELF interpreter, no shared
// libraries, so it runs alone on distroless; and -X main.version took.
func TestImageBuildIsStatic(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" {
		t.Skip("builds the image's binary (linux, not in -short mode)")
	}
	var build string
	for _, run := range dockerfileStage(t, "build")["RUN"] {
		for _, part := range strings.Split(run, "&&") {
			if strings.Contains(part, "go build") {
				build = strings.TrimSpace(part)
			}
		}
	}
	if !strings.Contains(build, "CGO_ENABLED=0") || !strings.Contains(build, "-o /out/authledger") {
		t.Fatalf("the Dockerfile's build %q is not a CGO_ENABLED=0 build to /out/authledger", build)
	}
	out := filepath.Join(t.TempDir(), "authledger")
	cmd := exec.Command("sh", "-c", strings.Replace(build, "-o /out/authledger", "-o "+out, 1))
	cmd.Dir = "../.."
	cmd.Env = append(cleanEnv(), "VERSION=9.9.9-test")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", build, err, b)
	}
	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the image's binary has an ELF interpreter: it is dynamically linked")
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the image's binary needs shared libraries %v", libs)
	}
	v, err := exec.Command(out, "version").Output()
	if first, _, _ := strings.Cut(string(v), "\n"); err != nil || first != "authledger 9.9.9-test" {
		t.Errorf("version = %q (%v), want the build argument", v, err)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
}

// dockerfileStage reads the Dockerfile stage named name ("FROM … AS name").
func dockerfileStage(t *testing.T, name string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	var stage []string
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) > 0 && strings.EqualFold(f[0], "FROM") {
			in = len(f) == 4 && strings.EqualFold(f[2], "AS") && f[3] == name
		}
		if in {
			stage = append(stage, line)
		}
	}
	if len(stage) == 0 {
		t.Fatalf("the Dockerfile has no stage %q", name)
	}
	return parseDockerfile(strings.Join(stage, "\n"))
}
