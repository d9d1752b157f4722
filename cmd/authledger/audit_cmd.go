package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// auditCmd handles "audit verify" and "audit export".
func auditCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "export" && args[0] != "checkpoints" && args[0] != "rotate-key" && args[0] != "anchor" && args[0] != "access-review") {
		return fmt.Errorf("%w: authledger audit verify [--from P] [--to P] [--checkpoints FILE] | export [--query Q] [--format ndjson|csv] [--include-pii] [--out FILE] | checkpoints [--out FILE] | rotate-key [flags] | anchor | access-review --as-of T|P [--organization ID|slug] [--format csv|ndjson|json] [--out FILE]", errUsage)
	}
	own := map[string]bool{"from": true, "to": true, "query": true, "format": true, "out": true, "include-pii": false,
		"checkpoints": true, "as-of": true, "organization": true}
	mine, rest, err := splitFlags(args[1:], own)
	if err != nil {
		return err
	}
	cfg, extra, err := parseConfig("audit "+args[0], rest, getenv, stderr)
	if err != nil {
		return err
	}
	s, err := parseStoreSettings(cfg)
	if err != nil {
		return err
	}
	if len(extra) > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, extra)
	}
	switch args[0] {
	case "verify":
		return auditVerifyCmd(ctx, s, mine, stdout, stderr)
	case "checkpoints":
		return auditCheckpointsCmd(ctx, s, mine, stdout, stderr)
	case "rotate-key":
		return auditRotateKey(s, stdout, stderr) // audit_rotate.go
	case "anchor":
		return auditAnchorCmd(ctx, s, stdout, stderr) // audit_anchor.go
	case "access-review":
		return auditAccessReviewCmd(ctx, s, mine, stdout, stderr) // audit_access_cmd.go
	}
	return auditExportCmd(ctx, s, mine, stdout, stderr)
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

// auditExportCmd streams the audit rows to --out (default stdout) with a
// progress bar on stderr; the export is recorded as audit.read.
func auditExportCmd(ctx context.Context, s storeSettings, mine map[string]string, stdout, stderr io.Writer) error {
	f, err := exportFilter(mine)
	if err != nil {
		return err
	}
	out, closeOut, err := exportOut(mine["out"], stdout)
	if err != nil {
		return err
	}
	defer closeOut()
	a, err := openExistingApp(ctx, s, stderr)
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

// exportOut is where the export goes: the file at path (created, mode
// 0600: it may hold personal data), or stdout when path is empty.
func exportOut(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" {
		return stdout, func() error { return nil }, nil
	}
	f, err := privateOut(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// exportFilter builds the typed filter of an export from --query (filter
// text, as GET /v1/audit/events reads it), --format and --include-pii.
func exportFilter(mine map[string]string) (compliance.Filter, error) {
	f, err := compliance.ParseFilter(mine["query"])
	if err != nil {
		msg, de := err.Error(), (*domain.Error)(nil)
		if errors.As(err, &de) {
			msg = de.Message
		}
		return f, fmt.Errorf("%w: --query: %s", errUsage, msg)
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
