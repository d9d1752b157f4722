package compliance

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCSVWriter: whatever two cells hold, encoding/csv reads back exactly
// the neutralized cells, and no cell it reads starts with a formula
// trigger.
func FuzzCSVWriter(f *testing.F) {
	for _, s := range []string{"", "=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "\n=1", "＝1", `"=1"`, `a,"b"`, "x\r\ny", "plain"} {
		f.Add(s, "=cmd|' /C calc'!A0")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			t.Skip("the export writes valid UTF-8 only")
		}
		var buf bytes.Buffer
		w := newCSVWriter(&buf)
		if err := w.Write([]string{a, b}); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		r := csv.NewReader(&buf)
		r.LazyQuotes = false
		recs, err := r.ReadAll()
		if err != nil || len(recs) != 1 || len(recs[0]) != 2 {
			t.Fatalf("read %q: %v %q", buf.String(), err, recs)
		}
		for i, want := range []string{a, b} {
			got := recs[0][i]
			// encoding/csv turns \r\n inside a quoted field into \n
			if want = strings.ReplaceAll(neutralizeCell(want), "\r\n", "\n"); got != want {
				t.Errorf("cell %d: read %q, want %q", i, got, want)
			}
			if c, _ := utf8.DecodeRuneInString(got); got != "" && strings.ContainsRune(formulaTriggers, c) {
				t.Errorf("cell %d %q starts with a formula trigger", i, got)
			}
		}
	})
}
