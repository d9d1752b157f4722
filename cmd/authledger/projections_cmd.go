package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"text/tabwriter"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/projections"
)

// projectorStatus is one line of "projections status": a projector's
// checkpoint against the log head, in the one text form of positions
// (eventstore.Position.String, "0.0" before the first record).
type projectorStatus struct {
	Projector  string `json:"projector"`
	Checkpoint string `json:"checkpoint"`
	Head       string `json:"head"`
	// Lag is how many records the projector is behind the head.
	Lag uint64 `json:"lag"`
	// State is "caught up", "behind" or "failed".
	State string `json:"state"`
	// Failed is the record a failed projector stops at (probe).
	Failed *projectorFailure `json:"failed,omitempty"`
}

// projectionsStatusCmd prints every projector's checkpoint, its lag
// behind the log head and its state, as a table or (--json) one JSON
// document. A projector that is behind is probed (projections_probe.go):
// one that cannot apply the next record is reported failed, with the
// record and why. It writes nothing.
func projectionsStatusCmd(ctx context.Context, in *invocation) error {
	a, err := openCommandApp(ctx, in)
	if err != nil {
		return err
	}
	defer a.Close()
	rows, err := projectorStatuses(ctx, a)
	if err != nil {
		return err
	}
	if in.own["json"] == "true" {
		enc := json.NewEncoder(in.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Projectors []projectorStatus `json:"projectors"`
		}{rows})
	}
	return printStatuses(in.stdout, rows)
}

// projectorStatuses reads every projector's checkpoint and the log head.
func projectorStatuses(ctx context.Context, a *app) ([]projectorStatus, error) {
	head, err := a.store.Head(ctx)
	if err != nil {
		return nil, err
	}
	var rows []projectorStatus
	for _, pr := range projections.All() {
		raw, err := a.read.Checkpoint(ctx, pr.Name())
		if err != nil {
			return nil, err
		}
		cp, err := eventstore.ParsePosition(raw)
		if err != nil {
			return nil, fmt.Errorf("checkpoint of %s: %w", pr.Name(), err)
		}
		st := statusOf(pr.Name(), cp, head)
		if st.Lag > 0 {
			if st.Failed, err = probe(ctx, a, pr, cp); err != nil {
				return nil, err
			}
		}
		if st.Failed != nil {
			st.State = "failed"
		}
		rows = append(rows, st)
	}
	return rows, nil
}

// statusOf is a projector's status given its checkpoint and the head.
func statusOf(name string, cp, head eventstore.Position) projectorStatus {
	st := projectorStatus{Projector: name, Checkpoint: cp.String(), Head: head.String(), State: "caught up"}
	if cp.Less(head) {
		st.State, st.Lag = "behind", 1
		if head.Lo > cp.Lo {
			st.Lag = head.Lo - cp.Lo
		}
	}
	return st
}

// printStatuses writes the statuses as a table.
func printStatuses(w io.Writer, rows []projectorStatus) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "PROJECTOR\tCHECKPOINT\tHEAD\tLAG\tSTATE\n")
	for _, r := range rows {
		state := r.State
		if r.Failed != nil {
			state = fmt.Sprintf("failed at %s (%s): %s", r.Failed.At, r.Failed.Type, r.Failed.Error)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", r.Projector, r.Checkpoint, r.Head, r.Lag, state)
	}
	return tw.Flush()
}

// projectionsRebuildCmd replays the whole log into fresh tables and swaps
// them in, with a progress bar on a terminal.
func projectionsRebuildCmd(ctx context.Context, in *invocation) error {
	a, err := openCommandApp(ctx, in)
	if err != nil {
		return err
	}
	defer a.Close()
	return rebuild(ctx, a, in.stderr)
}

// rebuild replays the whole log into fresh tables and swaps them in.
func rebuild(ctx context.Context, a *app, w io.Writer) error {
	// A rebuild allocates a lot of short-lived rows; collecting less often
	// roughly doubles its catch-up rate (measured in the projections
	// benchmark). The process ends when the rebuild does.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	start := time.Now()
	bar := &lazyProgress{w: w, label: "rebuild"}
	t, err := a.runner.RebuildTimed(ctx, bar.set)
	bar.done(err == nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "rebuilt all projections in %s (%s)\n", time.Since(start).Round(time.Millisecond), phasesText(t))
	return nil
}

// phasesText is how long each phase of a rebuild took, as the rebuild and
// replay commands print it: "catch-up 12.301s, carried rows 712ms,
// promote 8.012s".
func phasesText(t projections.RebuildTimes) string {
	return fmt.Sprintf("catch-up %s, carried rows %s, promote %s", t.CatchUp.Round(time.Millisecond),
		t.Carried.Round(time.Millisecond), t.Promote.Round(time.Millisecond))
}

// openCommandApp parses the invocation's store settings (a command without
// operands) and opens the existing stores: how the maintenance commands
// that read or rebuild the projections begin.
func openCommandApp(ctx context.Context, in *invocation) (*app, error) {
	s, err := storeOnly(in)
	if err != nil {
		return nil, err
	}
	return openExistingApp(ctx, s, in.stderr)
}
