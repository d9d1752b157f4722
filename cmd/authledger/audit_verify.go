package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/chain/anchor"
)

// errChainBroken marks a failed verification (exit status 1).
var errChainBroken = errors.New("audit chain broken")

// auditVerifyCmd recomputes the chain over (--from, --to] and prints the
// report; a broken chain is an error naming the first broken position. It
// is forensic: nothing is appended to the log it checks.
func auditVerifyCmd(ctx context.Context, in *invocation) error {
	s, err := storeOnly(in)
	if err != nil {
		return err
	}
	mine, stdout, stderr := in.own, in.stdout, in.stderr
	from, err1 := eventstore.ParsePosition(mine["from"])
	to, err2 := eventstore.ParsePosition(mine["to"])
	if err1 != nil || err2 != nil {
		return fmt.Errorf("%w: --from and --to are log positions (as in X-Consistency-Token)", errUsage)
	}
	extra, err := readCheckpoints(mine["checkpoints"])
	if err != nil {
		return err
	}
	var bar *progress
	a, svc, err := openChainedWith(ctx, s, stderr, func(es eventstore.Store) eventstore.Store {
		head, err := es.Head(ctx)
		if err != nil || (!to.IsZero() && to.Less(head)) {
			head = to
		}
		bar = newProgress(stderr, between(from, head), "verify")
		return &readCounter{Store: es, bar: bar}
	})
	if err != nil {
		return err
	}
	defer a.Close()
	start := time.Now()
	rep, err := svc.Verify(ctx, compliance.VerifyInput{From: from, To: to, Checkpoints: extra, Forensic: true})
	bar.Done(err == nil)
	if err != nil {
		return err
	}
	anchors, err := verifyAnchors(ctx, a.chain, s.TSA) // audit_anchor.go; nil without --audit-tsa-roots
	if err != nil {
		return err
	}
	if err := printReport(stdout, rep, anchors, mine["json"] == "true"); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "verified %d records and %d checkpoints in %s\n", rep.Records, rep.Checkpoints, time.Since(start).Round(time.Millisecond))
	switch {
	case !rep.OK:
		return fmt.Errorf("%w at position %s: %s (%s)", errChainBroken, rep.BrokenAt, rep.Reason, rep.Detail)
	case anchors != nil && !anchors.OK:
		return fmt.Errorf("%w at checkpoint %d: %s (%s)", errAnchorsBroken, anchors.BrokenAt, anchors.Reason, anchors.Detail)
	}
	return nil
}

// printReport writes a verification report as one JSON document, or as
// one line of text with positions in their one text form.
func printReport(w io.Writer, rep chain.Report, anchors *anchor.Report, asJSON bool) error {
	if asJSON {
		b, _ := json.MarshalIndent(verifyJSON{OK: rep.OK, After: rep.After.String(), Last: rep.Last.String(),
			Records: rep.Records, Checkpoints: rep.Checkpoints, Unchained: rep.Unchained, BrokenAt: brokenAt(rep),
			Reason: string(rep.Reason), Detail: rep.Detail, Anchors: anchors}, "", "  ")
		_, err := fmt.Fprintln(w, string(b))
		return err
	}
	var err error
	if rep.OK {
		_, err = fmt.Fprintf(w, "intact: %d records after %s up to %s, %d checkpoints", rep.Records, rep.After, rep.Last, rep.Checkpoints)
	} else {
		_, err = fmt.Fprintf(w, "broken at %s: %s (%s); intact from %s up to %s", rep.BrokenAt, rep.Reason, rep.Detail, rep.After, rep.Last)
	}
	if err == nil && rep.Unchained {
		_, err = fmt.Fprint(w, "; later records are not chained yet")
	}
	if err == nil && anchors != nil {
		err = printAnchors(w, anchors)
	}
	if err == nil {
		_, err = fmt.Fprintln(w)
	}
	return err
}

// printAnchors appends the time-stamp verification to the text report.
func printAnchors(w io.Writer, r *anchor.Report) error {
	var err error
	if r.OK {
		_, err = fmt.Fprintf(w, "; time-stamps: %d verified, %d from before anchoring, %d pending", r.Anchored, r.Unanchored, r.Pending)
	} else {
		_, err = fmt.Fprintf(w, "; time-stamps broken at checkpoint %d: %s (%s)", r.BrokenAt, r.Reason, r.Detail)
	}
	return err
}

// verifyJSON is a verification report as audit verify --json prints it:
// chain.Report with its positions in their text form.
type verifyJSON struct {
	OK          bool   `json:"ok"`
	After       string `json:"after"`
	Last        string `json:"last"`
	Records     uint64 `json:"records"`
	Checkpoints int    `json:"checkpoints"`
	Unchained   bool   `json:"unchained"`
	BrokenAt    string `json:"brokenAt,omitempty"`
	Reason      string `json:"reason,omitempty"`
	Detail      string `json:"detail,omitempty"`
	// Anchors is the RFC 3161 time-stamp verification, with
	// --audit-tsa-roots only.
	Anchors *anchor.Report `json:"anchors,omitempty"`
}

// brokenAt is the first broken position's text; "" when intact.
func brokenAt(rep chain.Report) string {
	if rep.OK {
		return ""
	}
	return rep.BrokenAt.String()
}

// readCounter is an event store whose global reads move a progress bar
// by the records they return (audit verify reads the log that way).
type readCounter struct {
	eventstore.Store
	bar  *progress
	seen int64
}

// ReadAll implements eventstore.Store.
func (r *readCounter) ReadAll(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	recs, err := r.Store.ReadAll(ctx, after, limit)
	r.seen += int64(len(recs))
	r.bar.Set(r.seen)
	return recs, err
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
func auditCheckpointsCmd(ctx context.Context, in *invocation) error {
	s, err := storeOnly(in)
	if err != nil {
		return err
	}
	mine, stdout, stderr := in.own, in.stdout, in.stderr
	a, svc, err := openChained(ctx, s, stderr)
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
	f, err := privateOut(mine["out"]) // forensic checkpoints: owner only
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// openChained opens the app and the compliance use cases over its event
// store's audit chain with the configured checkpoint key; the caller
// closes the app.
func openChained(ctx context.Context, s storeSettings, stderr io.Writer) (*app, *compliance.Service, error) {
	return openChainedWith(ctx, s, stderr, nil)
}

// openChainedWith is openChained whose verifier reads the log through
// wrap(store) when wrap is set.
func openChainedWith(ctx context.Context, s storeSettings, stderr io.Writer,
	wrap func(eventstore.Store) eventstore.Store) (*app, *compliance.Service, error) {
	a, err := openExistingApp(ctx, s, stderr)
	if err != nil {
		return nil, nil, err
	}
	key, err := auditKey(s, stderr)
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	c, ok := withChain(a, key)
	if ok && wrap != nil {
		c.store = wrap(c.store)
	}
	if c.retired, err = retiredKeys(s); err != nil { // the retired checkpoint keys (audit_rotate.go)
		a.Close()
		return nil, nil, err
	}
	if !ok {
		a.Close()
		return nil, nil, errors.New("this event store keeps no audit hash chain yet")
	}
	svc, err := a.complianceCLI(complianceDeps(s, c, true))
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	return a, svc, nil
}
