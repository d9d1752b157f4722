package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	essqlite "github.com/authledger/authledger/eventstore/sqlite"
)

// The rebuild rows: "authledger projections rebuild" (blue/green, promote
// included) and "authledger replay --until <head>" over the rebuild
// workload (store_fixture.go), run by the built binary and timed end to
// end, process start included. The SQLite rebuild is also set beside the
// store's own limit measured in the same run (store_limit.go).
const (
	storeRebuildEvents = 1_000_000
	storeRebuildGoal   = 80_000 // events/s, SQLite and replay
	storeRebuildGoalPG = 50_000 // events/s, PostgreSQL
	storeLimitGoal     = 0.5    // rebuild rate over the store's own scan + insert floor
)

// storeFixtures caches the SQLite fixture across the runs of the suite
// (it lives in the harness's work directory, removed at exit).
var storeFixtures = map[string]storeFix{}

// storeFix is a written fixture: a data directory (or database URL), the
// secret its keys are sealed under, and the head position.
type storeFix struct {
	dir, url, secret, head string
	events                 int
}

func storeRebuildSuite(ctx context.Context, o Options) ([]Row, error) {
	n := storeRebuildEvents
	if o.Quick {
		n = 100_000
	}
	fix, err := storeSQLiteFixture(ctx, o, n)
	if err != nil {
		return nil, err
	}
	ours, printed, err := storeTimeCmd(ctx, o.Binary, fix, n, "projections", "rebuild", "--data-dir", fix.dir)
	if err != nil {
		return nil, err
	}
	limit, rows, err := storeLimit(ctx, fix, o)
	if err != nil {
		return nil, err
	}
	into := filepath.Join(fix.dir, "..", fmt.Sprintf("replay-%d", time.Now().UnixNano()))
	replay, replayed, err := storeTimeCmd(ctx, o.Binary, fix, n, "replay", "--until", fix.head, "--into", into, "--data-dir", fix.dir)
	if rmErr := os.RemoveAll(into); err == nil {
		err = rmErr
	}
	if err != nil {
		return nil, err
	}
	size := fmt.Sprintf("%dk events", n/1000)
	out := []Row{
		{Path: "rebuild → 6 dimensions, SQLite", Ours: ours, Unit: "events/s", Goal: storeRebuildGoal,
			Note: size + ", promote included, process start included", Parts: rebuildPhases(printed)},
		{Path: "rebuild, SQLite, vs the store's floor", Ours: ours, Limit: limit, Unit: "events/s", Goal: storeLimitGoal,
			Note: fmt.Sprintf("floor: scan the log + batched insert of the %d final rows, same run", rows)},
		{Path: "replay --until head, SQLite", Ours: replay, Unit: "events/s", Goal: storeRebuildGoal, Note: size + " into a fresh directory",
			Parts: rebuildPhases(replayed)},
	}
	pg := Row{Path: "rebuild → 6 dimensions, PostgreSQL", Unit: "events/s", Goal: storeRebuildGoalPG}
	if o.Postgres == "" {
		pg.Note = "skipped: no -postgres URL"
		return append(out, pg), nil
	}
	if pg.Ours, printed, err = storePGRebuild(ctx, o, n); err != nil {
		return nil, err
	}
	pg.Parts = rebuildPhases(printed)
	pg.Note = size + ", promote included, fixture written anew each run"
	return append(out, pg), nil
}

// storeSQLiteFixture writes (once per harness run) the workload into a
// fresh data directory's events.db.
func storeSQLiteFixture(ctx context.Context, o Options, n int) (storeFix, error) {
	key := fmt.Sprintf("sqlite-%d", n)
	if f, ok := storeFixtures[key]; ok {
		return f, nil
	}
	dir, err := storeTempDir(o, "rebuild-"+key)
	if err != nil {
		return storeFix{}, err
	}
	secret, err := storeSecret()
	if err != nil {
		return storeFix{}, err
	}
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o700); err != nil {
		return storeFix{}, err
	}
	es, err := essqlite.Open(ctx, filepath.Join(data, "events.db"), essqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		return storeFix{}, err
	}
	defer es.Close()
	if err := storeFixture(ctx, es, secret, n); err != nil {
		return storeFix{}, err
	}
	head, err := es.Head(ctx)
	if err != nil {
		return storeFix{}, err
	}
	f := storeFix{dir: data, secret: secret, head: head.String(), events: n}
	storeFixtures[key] = f
	return f, nil
}

// storeTimeCmd runs the binary with args (the fixture's secret and, for
// PostgreSQL, its URL in its environment) and returns n events over its
// wall time, and what it printed (standard output, then standard error,
// where "projections rebuild" reports beside its progress bar).
func storeTimeCmd(ctx context.Context, bin string, fix storeFix, n int, args ...string) (float64, string, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(storeEnv(), "AUTHLEDGER_SECRET="+fix.secret)
	if fix.url != "" {
		cmd.Env = append(cmd.Env, "AUTHLEDGER_DATABASE_URL="+fix.url)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	settle()
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, "", fmt.Errorf("authledger %s %s: %v: %s", args[0], args[1], err, storeTail(stderr.Bytes()))
	}
	rate := float64(n) / time.Since(start).Seconds()
	return rate, stdout.String() + stderr.String(), nil
}

// rebuildPhasesRE matches the phases "projections rebuild" and "replay"
// report on their last line.
var rebuildPhasesRE = regexp.MustCompile(`catch-up (\S+), carried rows (\S+), promote (\S+)\)`)

// rebuildPhases reads the phases of a "projections rebuild" or a "replay"
// from its output, as row parts in seconds; none when the output has none
// (an older binary).
func rebuildPhases(out string) []Part {
	m := rebuildPhasesRE.FindStringSubmatch(out)
	if m == nil {
		return nil
	}
	formats := []string{"catch-up %.1f s", "carried rows %.1f s", "promote %.1f s"}
	parts := make([]Part, 0, len(formats))
	for i, f := range formats {
		d, err := time.ParseDuration(m[i+1])
		if err != nil {
			return nil
		}
		parts = append(parts, Part{Format: f, Value: d.Seconds()})
	}
	return parts
}

// storeTail is the last line of a command's output, for an error message
// (the commands timed here print progress bars and errors, no secrets).
func storeTail(b []byte) string {
	b = bytes.TrimSpace(b)
	if i := bytes.LastIndexAny(b, "\r\n"); i >= 0 {
		b = b[i+1:]
	}
	return string(b)
}

// storeTempDir makes a fresh directory for one suite under the harness's
// work directory.
func storeTempDir(o Options, name string) (string, error) {
	return os.MkdirTemp(o.WorkDir, "store-"+name+"-")
}
