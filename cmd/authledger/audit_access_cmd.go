package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
)

// auditAccessReviewCmd is "authledger audit access-review --as-of
// <RFC 3339 | position> [--organization ID|slug] [--format csv|ndjson|json]
// [--out FILE]": who could sign in and who held which role, folded from the
// log up to the bound, with a progress bar on stderr. The read is recorded
// as audit.read (it shows emails).
func auditAccessReviewCmd(ctx context.Context, s storeSettings, mine map[string]string, stdout, stderr io.Writer) error {
	at, err := compliance.ParseBound("as-of", mine["as-of"])
	if err != nil {
		return fmt.Errorf("%w: --as-of must be an RFC 3339 time or a log position", errUsage)
	}
	format := compliance.Format(mine["format"])
	if format == "" {
		format = compliance.FormatCSV
	}
	if format != compliance.FormatCSV && format != compliance.FormatNDJSON && format != compliance.FormatJSON {
		return fmt.Errorf("%w: --format must be csv, ndjson or json", errUsage)
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
	start := time.Now()
	rep, err := svc.AccessReview(ctx, compliance.AccessReviewInput{Reader: cliReader("authledger audit access-review"),
		At: at, Organization: mine["organization"], Progress: reviewProgress(stderr)})
	fmt.Fprintln(stderr)
	if de := (*domain.Error)(nil); errors.As(err, &de) {
		return fmt.Errorf("%w: %s", errUsage, de.Message)
	}
	if err != nil {
		return err
	}
	if err := compliance.WriteAccessReview(out, rep, format); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "access review as of %s (position %s): %d rows from %d records in %s\n",
		rep.AsOf.Format(time.RFC3339), rep.Position, len(rep.Rows), rep.Records, time.Since(start).Round(time.Millisecond))
	return nil
}

// reviewProgress adapts the command line's progress bar (progressBar in
// projections_cmd.go) to the access review's callback, at most ten
// redraws a second.
func reviewProgress(w io.Writer) func(done, total uint64) {
	var last time.Time
	return func(done, total uint64) {
		if time.Since(last) < 100*time.Millisecond && done != total {
			return
		}
		last = time.Now()
		fmt.Fprint(w, "\r"+progressBar(done, total, 40))
	}
}
