package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/projections"
)

// replayCmd is "authledger replay --until <time|position> --into <dir|URL>":
// the six projections exactly as they stood at that point of the log,
// built into a fresh read store (an SQLite ontology.db in the directory,
// or a PostgreSQL database), with a progress bar. A time bound keeps the
// records the store had committed at or before it (RecordedAt). Personal
// data of people erased since then stays empty: their keys are gone.
func replayCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	mine, rest, err := splitFlags(args, map[string]bool{"until": true, "into": true})
	if err != nil {
		return err
	}
	cfg, extra, err := parseConfig("replay", rest, getenv, stderr)
	if err != nil {
		return err
	}
	if len(extra) > 0 || mine["until"] == "" || mine["into"] == "" {
		return fmt.Errorf("%w: authledger replay --until <RFC 3339 time|position> --into <directory|postgres URL> [flags]", errUsage)
	}
	until, byTime, err := parseUntil(mine["until"])
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	start := time.Now()
	bound, n, err := resolveBound(ctx, a.store, until, byTime)
	if err != nil {
		return err
	}
	return replayInto(ctx, cfg, a, mine["into"], bound, n, start, stdout, stderr)
}

// parseUntil reads an RFC 3339 time or a position.
func parseUntil(v string) (eventstore.Position, time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return eventstore.Position{}, t, nil
	}
	p, err := eventstore.ParsePosition(v)
	if err != nil {
		return p, time.Time{}, fmt.Errorf("%w: --until must be an RFC 3339 time or a log position", errUsage)
	}
	return p, time.Time{}, nil
}

// resolveBound scans the log for the last record at or before the bound
// (a position, or with byTime non-zero a commit time) and counts records.
func resolveBound(ctx context.Context, st eventstore.Store, until eventstore.Position, byTime time.Time) (eventstore.Position, uint64, error) {
	var last eventstore.Position
	var n uint64
	for {
		recs, err := st.ReadAll(ctx, last, 5000)
		if err != nil || len(recs) == 0 {
			return last, n, err
		}
		for _, r := range recs {
			if (!byTime.IsZero() && r.RecordedAt.After(byTime)) || (byTime.IsZero() && until.Less(r.Position)) {
				return last, n, nil
			}
			last, n = r.Position, n+1
		}
	}
}

// replayInto projects the log up to bound into the target read store.
func replayInto(ctx context.Context, cfg config, a *app, into string, bound eventstore.Position, n uint64, start time.Time, stdout, stderr io.Writer) error {
	target := config{}
	for k, v := range cfg {
		target[k] = v
	}
	url, dir := "", into
	if isPostgres(into) {
		url, dir = into, ""
	} else if err := checkReplayDir(cfg, into); err != nil {
		return err
	}
	read, _, err := openReadStore(ctx, target, url, dir)
	if err != nil {
		return fmt.Errorf("open the replay target: %w", err)
	}
	defer read.Close()
	r, err := projections.NewRunner(boundedStore{Store: a.store, until: bound}, a.codec, read, projections.All(), projections.Options{})
	if err != nil {
		return err
	}
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	var last time.Time
	err = r.Rebuild(ctx, func(done, _ uint64) {
		if time.Since(last) >= 100*time.Millisecond || done == n {
			last = time.Now()
			fmt.Fprint(stderr, "\r"+replayBar(done, n, 40))
		}
	})
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "replayed %d events up to position %s into %s in %s (%.0f events/s)\n", n, bound, redactURL(into),
		el.Round(time.Millisecond), float64(n)/max(el.Seconds(), 1e-9))
	return nil
}

// checkReplayDir refuses the live data directory (its ontology would be
// replaced by the past).
func checkReplayDir(cfg config, into string) error {
	a, err1 := filepath.Abs(into)
	b, err2 := filepath.Abs(cfg["data-dir"])
	if err1 != nil || err2 != nil || a == b {
		return fmt.Errorf("%w: --into must not be the live --data-dir", errUsage)
	}
	return os.MkdirAll(into, 0o700)
}

// replayBar renders "replay [####....]  50%  500/1000 events".
func replayBar(done, total uint64, width int) string {
	frac := 1.0
	if total > 0 {
		frac = min(float64(done)/float64(total), 1)
	}
	k := int(frac * float64(width))
	return fmt.Sprintf("replay [%s%s] %3.0f%%  %d/%d events", strings.Repeat("#", k), strings.Repeat(".", width-k), frac*100, done, total)
}

// boundedStore is the log as it stood at until: reads stop there and the
// head is until (a record's position).
type boundedStore struct {
	eventstore.Store
	until eventstore.Position
}

// ReadAll implements eventstore.Store, cut at the bound.
func (b boundedStore) ReadAll(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	if !after.Less(b.until) {
		return nil, nil
	}
	recs, err := b.Store.ReadAll(ctx, after, limit)
	for i, r := range recs {
		if b.until.Less(r.Position) {
			return recs[:i], err
		}
	}
	return recs, err
}

// Head implements eventstore.Store.
func (b boundedStore) Head(context.Context) (eventstore.Position, error) { return b.until, nil }
