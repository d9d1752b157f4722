package main

import (
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNothingImportsCmd enforces that cmd/ is the one composition root:
// no package of the module imports it.
func TestNothingImportsCmd(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}} {{join .TestImports " "}}`, "github.com/authledger/authledger/...").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 5 {
		t.Fatalf("go list returned %d packages", len(lines))
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, "github.com/authledger/authledger/cmd") {
				t.Errorf("%s imports %s", fields[0], imp)
			}
		}
	}
}

// TestMainIsOneLiner keeps main.go a thin shell around run.
func TestMainIsOneLiner(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Decls) != 2 || !strings.Contains(string(src), "run(ctx, os.Args[1:]") {
		t.Error("main.go should only declare imports and a main that calls run")
	}
}
