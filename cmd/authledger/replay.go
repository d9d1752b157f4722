package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/projections"
)

// replayCmd is "authledger replay --until <time|position> --into <dir|URL>":
// the six projections exactly as they stood at that point of the log,
// built into a fresh read store (an SQLite ontology.db in the directory,
// or a PostgreSQL database), with a progress bar. A time bound keeps the
// records the store had committed at or before it (RecordedAt). Personal
// data of people erased since then stays empty: their keys are gone.
func replayCmd(ctx context.Context, in *invocation) error {
	s, err := in.store()
	if err != nil {
		return err
	}
	mine, stdout, stderr := in.own, in.stdout, in.stderr
	if len(in.operands) > 0 || mine["until"] == "" || mine["into"] == "" {
		return fmt.Errorf("%w: authledger replay --until <RFC 3339 time|position> --into <directory|postgres URL> [flags]", errUsage)
	}
	until, err := compliance.ParseBound("--until", mine["until"])
	if err != nil {
		return fmt.Errorf("%w: --until must be an RFC 3339 time or a log position", errUsage)
	}
	if err := checkReplayDir(s, mine["into"]); err != nil {
		return err
	}
	a, err := openExistingApp(ctx, s, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	return replayInto(ctx, s, a, mine["into"], until, stdout, stderr)
}

// replayInto opens the target read store and replays the log up to the
// bound into it through the compliance use case.
func replayInto(ctx context.Context, s storeSettings, a *app, into string, until compliance.Bound, stdout, stderr io.Writer) error {
	start := time.Now()
	target, err := replayStore(s, into)
	if err != nil {
		return err
	}
	read, _, err := openReadStore(ctx, target)
	if err != nil {
		return fmt.Errorf("open the replay target: %w", err)
	}
	defer read.Close()
	svc, err := a.complianceCLI(compliance.Deps{})
	if err != nil {
		return err
	}
	var times projections.RebuildTimes
	project := replayTarget{a: a, read: read, stderr: stderr, times: &times}
	res, err := svc.Replay(ctx, compliance.ReplayInput{Until: until, Into: project})
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "replayed %d events up to position %s into %s in %s (%.0f events/s; %s)\n", res.Events, res.Until,
		redactURL(into), el.Round(time.Millisecond), float64(res.Events)/max(el.Seconds(), 1e-9), phasesText(times))
	return nil
}

// replayTarget projects a bounded log into a fresh read store with the
// projection runner, drawing a progress bar, and keeps how long each phase
// took in times.
type replayTarget struct {
	a      *app
	read   ontology.Store
	stderr io.Writer
	times  *projections.RebuildTimes
}

// Rebuild implements compliance.Rebuilder.
func (t replayTarget) Rebuild(ctx context.Context, log eventstore.Store, n uint64) error {
	r, err := projections.NewRunner(log, t.a.codec, t.read, projections.All(), projections.Options{})
	if err != nil {
		return err
	}
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	bar := newProgress(t.stderr, int64(n), "replay")
	*t.times, err = r.RebuildTimed(ctx, func(done, _ uint64) { bar.Set(int64(done)) })
	bar.Done(err == nil)
	return err
}

// replayStore is s with the read store moved to the replay target: a
// PostgreSQL URL, or a directory for an embedded ontology.db.
func replayStore(s storeSettings, into string) (storeSettings, error) {
	if isPostgres(into) {
		s.ReadURL = into
		return s, nil
	}
	if err := checkReplayDir(s, into); err != nil {
		return s, err
	}
	s.ReadURL, s.DataDir = "", into
	return s, os.MkdirAll(into, 0o700)
}

// checkReplayDir refuses the live data directory as the replay target (its
// ontology would be replaced by the past); a PostgreSQL target passes.
func checkReplayDir(s storeSettings, into string) error {
	if isPostgres(into) {
		return nil
	}
	a, err1 := filepath.Abs(into)
	b, err2 := filepath.Abs(s.DataDir)
	if err1 != nil || err2 != nil || a == b {
		return fmt.Errorf("%w: --into must not be the live --data-dir", errUsage)
	}
	return nil
}
