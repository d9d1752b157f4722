package projections

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authledger/authledger/ontology"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the memory read store")

// TestGolden replays each testdata/<name>.events.json through the real
// codec and memory event store into every read-store adapter and compares
// each dimension, parsed, with testdata/<name>.<dimension>.golden.json.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.events.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no event streams in testdata: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".events.json")
		for i, rs := range readStores() {
			t.Run(name+"/"+rs.name, func(t *testing.T) {
				st, codec := newLog(t)
				loadFiles(t, st, codec, name)
				got := replayFresh(t, rs, st, codec)
				for _, dim := range ontology.Dimensions() {
					path := filepath.Join("testdata", name+"."+string(dim)+".golden.json")
					if *update && i == 0 {
						writeGolden(t, path, got[dim])
					}
					if diff := cmp.Diff(got[dim], readGolden(t, path)); diff != "" {
						t.Errorf("%s (-got +want):\n%s", path, diff)
					}
				}
			})
		}
	}
}

func writeGolden(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readGolden(t *testing.T, path string) any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}
