package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

// errChainBroken marks a failed verification (exit status 1).
var errChainBroken = errors.New("audit chain broken")

// auditCmd handles "audit verify" and "audit export".
func auditCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "export" && args[0] != "checkpoints") {
		return fmt.Errorf("%w: authledger audit verify [--from P] [--to P] [--checkpoints FILE] | export [--query Q] [--format ndjson|csv] [--include-pii] [--out FILE] | checkpoints [--out FILE] [flags]", errUsage)
	}
	own := map[string]bool{"from": true, "to": true, "query": true, "format": true, "out": true, "include-pii": false,
		"checkpoints": true}
	mine, rest, err := splitFlags(args[1:], own)
	if err != nil {
		return err
	}
	cfg, extra, err := parseConfig("audit "+args[0], rest, getenv, stderr)
	if err != nil {
		return err
	}
	if len(extra) > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, extra)
	}
	switch args[0] {
	case "verify":
		return auditVerifyCmd(ctx, cfg, mine, stdout, stderr)
	case "checkpoints":
		return auditCheckpointsCmd(ctx, cfg, mine, stdout, stderr)
	}
	return auditExportCmd(ctx, cfg, mine, stdout, stderr)
}

// splitFlags takes the subcommand's own flags (--name value, --name=value;
// own[name] false marks a boolean) out of args and returns the rest.
func splitFlags(args []string, own map[string]bool) (map[string]string, []string, error) {
	mine, rest := map[string]string{}, []string{}
	for i := 0; i < len(args); i++ {
		name, val, hasVal := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		takesVal, ok := own[name]
		if !ok || !strings.HasPrefix(args[i], "-") {
			rest = append(rest, args[i])
			continue
		}
		switch {
		case !takesVal:
			mine[name] = "true"
		case hasVal:
			mine[name] = val
		case i+1 < len(args):
			i++
			mine[name] = args[i]
		default:
			return nil, nil, fmt.Errorf("%w: --%s needs a value", errUsage, name)
		}
	}
	return mine, rest, nil
}

// auditVerifyCmd recomputes the chain over (--from, --to] and prints the
// report; a broken chain is an error naming the first broken position. It
// is forensic: nothing is appended to the log it checks.
func auditVerifyCmd(ctx context.Context, cfg config, mine map[string]string, stdout, stderr io.Writer) error {
	from, err1 := eventstore.ParsePosition(mine["from"])
	to, err2 := eventstore.ParsePosition(mine["to"])
	if err1 != nil || err2 != nil {
		return fmt.Errorf("%w: --from and --to are log positions (as in X-Consistency-Token)", errUsage)
	}
	extra, err := readCheckpoints(mine["checkpoints"])
	if err != nil {
		return err
	}
	a, svc, err := openChained(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	start := time.Now()
	rep, err := svc.Verify(ctx, compliance.VerifyInput{From: from, To: to, Checkpoints: extra, Forensic: true})
	if err != nil {
		return err
	}
	b, _ := json.MarshalIndent(rep, "", "  ")
	fmt.Fprintln(stdout, string(b))
	fmt.Fprintf(stderr, "verified %d records and %d checkpoints in %s\n", rep.Records, rep.Checkpoints, time.Since(start).Round(time.Millisecond))
	if !rep.OK {
		return fmt.Errorf("%w at position %s: %s (%s)", errChainBroken, rep.BrokenAt, rep.Reason, rep.Detail)
	}
	return nil
}

// auditExportCmd streams the audit rows to --out (default stdout) with a
// progress bar on stderr; the export is recorded as audit.read.
func auditExportCmd(ctx context.Context, cfg config, mine map[string]string, stdout, stderr io.Writer) error {
	f, err := exportFilter(mine)
	if err != nil {
		return err
	}
	out := stdout
	if p := mine["out"]; p != "" {
		file, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		defer file.Close()
		out = file
	}
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	svc, err := a.complianceCLI(compliance.Deps{})
	if err != nil {
		return err
	}
	head, err := a.store.Head(ctx)
	if err != nil {
		return err
	}
	start, last := time.Now(), time.Time{}
	err = svc.Export(ctx, compliance.ExportInput{Reader: cliReader("authledger audit export"), Filter: f, W: out,
		Progress: func(p eventstore.Position) {
			if time.Since(last) >= 100*time.Millisecond || p == head {
				last = time.Now()
				fmt.Fprint(stderr, "\r"+exportBar(p, head, 40))
			}
		}})
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "exported up to position %s in %s\n", head, time.Since(start).Round(time.Millisecond))
	return nil
}

// exportFilter builds the typed filter of an export from --query (filter
// text, as GET /v1/audit/events reads it), --format and --include-pii.
func exportFilter(mine map[string]string) (compliance.Filter, error) {
	f, err := compliance.ParseFilter(mine["query"])
	if err != nil {
		return f, fmt.Errorf("%w: --query: %v", errUsage, err)
	}
	if v := mine["format"]; v != "" {
		var ok bool
		if f.Format, ok = compliance.ParseFormat(v); !ok || f.Format == compliance.FormatJSON {
			return f, fmt.Errorf("%w: --format must be ndjson or csv", errUsage)
		}
	}
	if f.Format == "" {
		f.Format = compliance.FormatNDJSON
	}
	if mine["include-pii"] == "true" {
		f.IncludePII = true
	}
	return f, nil
}

// exportBar renders "export [####....]  50%  at 500/1000"; positions of
// several numbers (PostgreSQL) show the position only.
func exportBar(at, head eventstore.Position, width int) string {
	if at.Hi != 0 || head.Hi != 0 || head.Lo == 0 {
		return "export at position " + at.String()
	}
	frac := min(float64(at.Lo)/float64(head.Lo), 1)
	n := int(frac * float64(width))
	return fmt.Sprintf("export [%s%s] %3.0f%%  at %d/%d", strings.Repeat("#", n), strings.Repeat(".", width-n), frac*100, at.Lo, head.Lo)
}

// readCheckpoints loads checkpoints exported earlier (audit checkpoints);
// "" means none.
func readCheckpoints(path string) ([]chain.Checkpoint, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: --checkpoints: %v", errUsage, err)
	}
	var exp compliance.CheckpointExport
	if err := json.Unmarshal(b, &exp); err != nil {
		return nil, fmt.Errorf("%w: --checkpoints %s: %v", errUsage, path, err)
	}
	return exp.Checkpoints, nil
}

// auditCheckpointsCmd writes the signed checkpoints and the public key as
// JSON to --out (default stdout), to be kept somewhere the database's
// administrators cannot rewrite. Like verify it appends nothing.
func auditCheckpointsCmd(ctx context.Context, cfg config, mine map[string]string, stdout, stderr io.Writer) error {
	a, svc, err := openChained(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	exp, err := svc.Checkpoints(ctx, compliance.CheckpointsInput{Forensic: true})
	if err != nil {
		return err
	}
	b, _ := json.MarshalIndent(exp, "", "  ")
	if mine["out"] == "" {
		_, err = fmt.Fprintln(stdout, string(b))
		return err
	}
	return os.WriteFile(mine["out"], append(b, '\n'), 0o644)
}

// openChained opens the app and the compliance use cases over its event
// store's audit chain with the configured checkpoint key; the caller
// closes the app.
func openChained(ctx context.Context, cfg config, stderr io.Writer) (*app, *compliance.Service, error) {
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return nil, nil, err
	}
	key, err := auditKey(cfg, stderr)
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	c, ok := withChain(a, key)
	if !ok {
		a.Close()
		return nil, nil, errors.New("this event store keeps no audit hash chain yet")
	}
	svc, err := a.complianceCLI(complianceDeps(cfg, c, true))
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	return a, svc, nil
}
