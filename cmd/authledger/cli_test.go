package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/creack/pty"
)

// TestSubcommandHelp: each command's --help (and -h) goes to stdout with
// exit status 0 and lists the command's own flags and the settings it
// reads, not the other serve settings.
func TestSubcommandHelp(t *testing.T) {
	tests := []struct {
		args      []string
		want, not []string
	}{
		{[]string{"audit", "verify", "--help"}, []string{"--from", "--to", "--checkpoints", "--json", "--data-dir", "--database", "AUTHLEDGER_DATA_DIR"},
			[]string{"--smtp-url", "--brand-color", "--addr", "--rate-limit"}},
		{[]string{"projections", "status", "-h"}, []string{"--json", "--data-dir"}, []string{"--trusted-origins"}},
		{[]string{"keys", "create", "--help"}, []string{"--name", "--scope", "--expires"}, []string{"--webhooks-allow-private"}},
		{[]string{"webhooks", "create", "--help"}, []string{"--url", "--events", "--include-pii", "--webhooks-allow-private"}, []string{"--addr", "--brand-name"}},
		{[]string{"healthcheck", "--help"}, []string{"--url", "--timeout", "--ca"}, []string{"--data-dir"}},
		{[]string{"serve", "--help"}, []string{"--addr", "--smtp-url", "AUTHLEDGER_SMTP_URL"}, nil},
		{[]string{"--help"}, []string{"audit", "projections", "serve", "webhooks"}, nil},
		{[]string{"help", "audit"}, []string{"verify", "export", "checkpoints", "rotate-key"}, nil},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tt.args, env(cliSecrets), &out, &errOut)
		if err != nil || errOut.Len() != 0 {
			t.Errorf("%v: %v, stderr %q; want help on stdout and exit 0", tt.args, err, errOut.String())
		}
		for _, w := range tt.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%v: help misses %s:\n%s", tt.args, w, out.String())
			}
		}
		for _, n := range tt.not {
			if strings.Contains(out.String(), n) {
				t.Errorf("%v: help lists %s, a setting the command does not take", tt.args, n)
			}
		}
	}
}

// TestUsageErrors: a mistake on the command line is a usage error (exit
// status 2) of one line that names the flag or command and, where the
// values are a choice, the allowed values; nothing runs and nothing is
// printed besides.
func TestUsageErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	tests := []struct {
		args []string
		want *regexp.Regexp
	}{
		{nil, regexp.MustCompile(`name a command`)},
		{[]string{"frobnicate"}, regexp.MustCompile(`unknown command "frobnicate"`)},
		{[]string{"audit"}, regexp.MustCompile(`audit needs a subcommand`)},
		{[]string{"audit", "frob"}, regexp.MustCompile(`unknown command "frob" for "authledger audit"`)},
		{[]string{"audit", "verify", "--nope"}, regexp.MustCompile(`unknown flag: --nope \(see authledger audit verify --help\)`)},
		{[]string{"audit", "verify", "--data-dir"}, regexp.MustCompile(`flag needs an argument: --data-dir`)},
		{[]string{"audit", "verify", "--smtp-url", "smtp://x"}, regexp.MustCompile(`unknown flag: --smtp-url`)},
		{[]string{"audit", "export", "--format", "xml", "--data-dir", dir}, regexp.MustCompile(`--format must be ndjson or csv`)},
		{[]string{"migrate", "--sync", "off", "--data-dir", dir}, regexp.MustCompile(`--sync must be full or normal`)},
		{[]string{"healthcheck", "--timeout", "soon"}, regexp.MustCompile(`--timeout must be a positive duration`)},
		{[]string{"version", "extra"}, regexp.MustCompile(`unexpected arguments`)},
		{[]string{"keys", "revoke", "--data-dir", dir}, regexp.MustCompile(`keys revoke \[flags\] <key-id>`)},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tt.args, env(nil), &out, &errOut)
		if !errors.Is(err, errUsage) || exitCode(err) != 2 {
			t.Errorf("%v: %v, want a usage error (exit 2)", tt.args, err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || !tt.want.MatchString(msg) {
			t.Errorf("%v: %q, want one line matching %s", tt.args, msg, tt.want)
		}
		if out.Len()+errOut.Len() != 0 {
			t.Errorf("%v printed %q %q besides the error", tt.args, out.String(), errOut.String())
		}
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a usage error created %s", dir)
	}
}

// TestFlagsAfterOperands: flags may follow the operands, and take either
// --name value or --name=value.
func TestFlagsAfterOperands(t *testing.T) {
	dir := newDeployment(t)
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"keys", "create", "--name=ops", "--scope", "metrics:read", "--data-dir=" + dir,
		"--secret", e2eSecret}, env(nil), &out, &errOut); err != nil {
		t.Fatalf("keys create: %v %s", err, errOut.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"keys", "list", "--data-dir", dir, "--secret", e2eSecret}, env(nil), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	id := strings.Fields(strings.Split(out.String(), "\n")[1])[0]
	out.Reset()
	if err := run(context.Background(), []string{"keys", "revoke", id, "--data-dir", dir}, env(map[string]string{"AUTHLEDGER_SECRET": e2eSecret}),
		&out, &errOut); err != nil || !strings.Contains(out.String(), "revoked") {
		t.Fatalf("keys revoke ID --flags (secret from the environment): %v %q %s", err, out.String(), errOut.String())
	}
}

// newDeployment is a migrated data directory with a few records in its
// log (operator keys made through the command line).
func newDeployment(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	for i, args := range [][]string{{"migrate"}, {"keys", "create", "--name", "a", "--scope", "metrics:read"},
		{"keys", "create", "--name", "b", "--scope", "metrics:read"}} {
		args = append(args, "--data-dir", dir, "--secret", e2eSecret, "--log-level", "error")
		if err := run(context.Background(), args, env(nil), io.Discard, io.Discard); err != nil {
			t.Fatalf("step %d %v: %v", i, args, err)
		}
	}
	return dir
}

// TestProjectionsStatusJSON: projections status prints its table, or with
// --json one document, each projector with its checkpoint and the head
// in the one text form of positions, its lag and its state.
func TestProjectionsStatusJSON(t *testing.T) {
	dir := newDeployment(t)
	store := []string{"--data-dir", dir, "--secret", e2eSecret}
	var out bytes.Buffer
	if err := run(context.Background(), append([]string{"projections", "status", "--json"}, store...), env(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := decodeJSON[struct{ Projectors []projectorStatus }](t, out.Bytes())
	if len(got.Projectors) != 6 {
		t.Fatalf("%d projectors, want 6: %s", len(got.Projectors), out.String())
	}
	pos := regexp.MustCompile(`^\d+\.\d+$`)
	for _, p := range got.Projectors {
		if !pos.MatchString(p.Checkpoint) || !pos.MatchString(p.Head) || p.State == "" {
			t.Errorf("%+v: positions not in their text form or no state", p)
		}
		if (p.Lag == 0) != (p.State == "caught up") {
			t.Errorf("%+v: lag and state disagree", p)
		}
	}
	out.Reset()
	if err := run(context.Background(), append([]string{"projections", "status"}, store...), env(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "PROJECTOR") || !strings.Contains(out.String(), "LAG") ||
		!strings.Contains(out.String(), got.Projectors[0].Head) {
		t.Errorf("text status: %q", out.String())
	}
}

// TestStatusOf: the lag is the records between checkpoint and head.
func TestStatusOf(t *testing.T) {
	tests := []struct {
		cp, head string
		lag      uint64
		state    string
	}{
		{"0.0", "0.0", 0, "caught up"},
		{"0.3", "0.10", 7, "behind"},
		{"0.10", "0.10", 0, "caught up"},
		{"0.0", "0.1", 1, "behind"},
	}
	for _, tt := range tests {
		got := statusOf("people", mustPos(t, tt.cp), mustPos(t, tt.head))
		if got.Lag != tt.lag || got.State != tt.state || got.Checkpoint != tt.cp || got.Head != tt.head {
			t.Errorf("%s/%s: %+v", tt.cp, tt.head, got)
		}
	}
}

// TestAuditVerifyOutput: audit verify prints one line of text by default
// and the report as JSON with --json, positions in their text form. (No
// server ran, so nothing is chained yet; TestAuditVerify checks a chain.)
func TestAuditVerifyOutput(t *testing.T) {
	dir := newDeployment(t)
	store := []string{"--data-dir", dir, "--secret", e2eSecret, "--log-level", "error"}
	var out bytes.Buffer
	if err := run(context.Background(), append([]string{"audit", "verify"}, store...), env(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^intact: 0 records after 0\.0 up to 0\.0, 0 checkpoints; later records are not chained yet\n$`).MatchString(out.String()) ||
		strings.Count(out.String(), "\n") != 1 {
		t.Errorf("text report: %q", out.String())
	}
	out.Reset()
	if err := run(context.Background(), append([]string{"audit", "verify", "--json"}, store...), env(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	rep := decodeJSON[map[string]any](t, out.Bytes())
	if rep["ok"] != true || rep["after"] != "0.0" || rep["last"] != "0.0" || rep["unchained"] != true {
		t.Errorf("JSON report: %s", out.String())
	}
}

// TestRebuildReportsPhases: "projections rebuild" ends with its total time
// and the time of each phase, which fit in the total.
func TestRebuildReportsPhases(t *testing.T) {
	dir := newDeployment(t)
	args := []string{"projections", "rebuild", "--data-dir", dir, "--secret", e2eSecret, "--log-level", "error"}
	var buf bytes.Buffer
	if err := run(context.Background(), args, env(nil), io.Discard, &buf); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`^rebuilt all projections in (\S+) \(catch-up (\S+), carried rows (\S+), promote (\S+)\)\n$`).FindStringSubmatch(buf.String())
	if m == nil {
		t.Fatalf("output %q, want the total and the three phases", buf.String())
	}
	var d [4]time.Duration
	for i := range d {
		var err error
		if d[i], err = time.ParseDuration(m[i+1]); err != nil || d[i] < 0 {
			t.Fatalf("duration %q in %q: %v", m[i+1], buf.String(), err)
		}
	}
	if d[1]+d[2]+d[3] > d[0]+2*time.Millisecond { // each is rounded to the millisecond
		t.Errorf("phases %v, %v, %v against the total %v", d[1], d[2], d[3], d[0])
	}
}

// TestProgressOnlyOnATerminal: the bar of a long command draws nothing on
// a pipe or a buffer, and on a terminal (a pty) draws and ends at the
// total.
func TestProgressOnlyOnATerminal(t *testing.T) {
	dir := newDeployment(t)
	args := []string{"projections", "rebuild", "--data-dir", dir, "--secret", e2eSecret, "--log-level", "error"}
	var buf bytes.Buffer
	if err := run(context.Background(), args, env(nil), io.Discard, &buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "%") || strings.Contains(buf.String(), "\r") || !strings.HasPrefix(buf.String(), "rebuilt all projections") {
		t.Errorf("not a terminal, yet: %q", buf.String())
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	p := newProgress(w, 10, "pipe")
	p.Set(5)
	p.Done(true)
	w.Close()
	if b, _ := io.ReadAll(r); len(b) != 0 {
		t.Errorf("a pipe got %q", b)
	}

	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here (%v): the drawing half is not checked", err)
	}
	defer ptmx.Close()
	drawn := make(chan string)
	go func() {
		b, _ := io.ReadAll(ptmx) // ends with EIO once tty is closed
		drawn <- string(b)
	}()
	err = run(context.Background(), args, env(nil), io.Discard, tty)
	tty.Close()
	got := <-drawn
	if err != nil {
		t.Fatalf("rebuild on a terminal: %v\n%s", err, got)
	}
	total := regexp.MustCompile(`rebuild\s+100% \|[^|]*\| \((\d+)/(\d+)`).FindStringSubmatch(got)
	if total == nil || total[1] != total[2] || total[1] == "0" {
		t.Errorf("the bar did not end at its total:\n%q", got)
	}
}

// decodeJSON decodes b into a T, failing the test when it is not JSON.
func decodeJSON[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not JSON (%v): %s", err, b)
	}
	return v
}

// mustPos parses a position.
func mustPos(t *testing.T, s string) eventstore.Position {
	t.Helper()
	p, err := eventstore.ParsePosition(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestProjectionsStatusFailed: a record a projector cannot apply (here a
// person.signed_up whose fields do not decode, as a bug or a damaged log
// would leave) makes projections status report that projector failed at
// the record, with its type, while the others are only behind; the probe
// writes nothing.
func TestProjectionsStatusFailed(t *testing.T) {
	dir := newDeployment(t)
	store := []string{"--data-dir", dir, "--secret", e2eSecret, "--log-level", "error"}
	cfg, _, err := parseConfig("test", store, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	s, err := parseStoreSettings(cfg)
	if err != nil {
		t.Fatal(err)
	}
	es, _, err := openEventStore(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	bad, err := es.Append(context.Background(), eventstore.AppendRequest{Stream: "person-P0000000000000000000000000000009",
		Expected: eventstore.NoStream, Events: []eventstore.EventData{{ID: "E0000000000000000000000000000009",
			Type: person.TypeSignedUp, Schema: 1, Data: []byte(`{"personId": 42}`), OccurredAt: time.Now()}}})
	if err != nil {
		t.Fatal(err)
	}
	es.Close()
	rows := func() uint64 {
		return countRows(t, filepath.Join(dir, "ontology.db"), "checkpoints") + countRows(t, filepath.Join(dir, "ontology.db"), "events")
	}
	before := rows()
	var out bytes.Buffer
	if err := run(context.Background(), append([]string{"projections", "status", "--json"}, store...), env(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := decodeJSON[struct{ Projectors []projectorStatus }](t, out.Bytes())
	failed := 0
	for _, p := range got.Projectors {
		switch {
		case p.Failed != nil:
			failed++
			if p.State != "failed" || p.Failed.At != bad.String() || p.Failed.Type != person.TypeSignedUp || p.Failed.Error == "" {
				t.Errorf("%+v %+v: want failed at %s (%s)", p, p.Failed, bad, person.TypeSignedUp)
			}
		case p.State != "behind":
			t.Errorf("%+v: want behind", p)
		}
	}
	if failed == 0 {
		t.Errorf("no projector reported failed: %s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), append([]string{"projections", "status"}, store...), env(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "failed at "+bad.String()+" (person.signed_up)") {
		t.Errorf("text status: %s", out.String())
	}
	if after := rows(); after != before {
		t.Errorf("the probe wrote rows: %d → %d", before, after)
	}
}
