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
func auditVerifyCmd(ctx context.Context, s storeSettings, mine map[string]string, stdout, stderr io.Writer) error {
	from, err1 := eventstore.ParsePosition(mine["from"])
	to, err2 := eventstore.ParsePosition(mine["to"])
	if err1 != nil || err2 != nil {
		return fmt.Errorf("%w: --from and --to are log positions (as in X-Consistency-Token)", errUsage)
	}
	extra, err := readCheckpoints(mine["checkpoints"])
	if err != nil {
		return err
	}
	a, svc, err := openChained(ctx, s, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	start := time.Now()
	rep, err := svc.Verify(ctx, compliance.VerifyInput{From: from, To: to, Checkpoints: extra, Forensic: true})
	if err != nil {
		return err
	}
	anchors, err := verifyAnchors(ctx, a.chain, s.TSA) // audit_anchor.go; nil without --audit-tsa-roots
	if err != nil {
		return err
	}
	var out any = rep
	if anchors != nil {
		out = struct {
			chain.Report
			Anchors *anchor.Report `json:"anchors"`
		}{rep, anchors}
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	fmt.Fprintln(stdout, string(b))
	fmt.Fprintf(stderr, "verified %d records and %d checkpoints in %s\n", rep.Records, rep.Checkpoints, time.Since(start).Round(time.Millisecond))
	switch {
	case !rep.OK:
		return fmt.Errorf("%w at position %s: %s (%s)", errChainBroken, rep.BrokenAt, rep.Reason, rep.Detail)
	case anchors != nil && !anchors.OK:
		return fmt.Errorf("%w at checkpoint %d: %s (%s)", errAnchorsBroken, anchors.BrokenAt, anchors.Reason, anchors.Detail)
	}
	return nil
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
func auditCheckpointsCmd(ctx context.Context, s storeSettings, mine map[string]string, stdout, stderr io.Writer) error {
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
