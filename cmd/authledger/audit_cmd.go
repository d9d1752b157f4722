package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// auditExportCmd streams the audit rows to --out (default stdout) with a
// progress bar on stderr; the export is recorded as audit.read.
func auditExportCmd(ctx context.Context, in *invocation) error {
	s, err := storeOnly(in)
	if err != nil {
		return err
	}
	mine, stdout, stderr := in.own, in.stdout, in.stderr
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
	start, bar := time.Now(), newProgress(stderr, between(eventstore.Position{}, head), "export")
	err = svc.Export(ctx, compliance.ExportInput{Reader: cliReader("authledger audit export"), Filter: f, W: out,
		Progress: func(p eventstore.Position) { bar.Set(between(eventstore.Position{}, p)) }})
	bar.Done(err == nil)
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
