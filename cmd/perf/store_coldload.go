package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/registry"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
)

// The cold-load row: the first get-full-organization of an organization
// with storeColdMembers members after the server restarts (nothing of the
// organization in memory; the server before it served the organization
// once, so it may have left a snapshot), beside the very first load of the
// organization (all of its records folded) and the same request once warm.
// The rate is 1/latency, so the goal of < 10 ms reads as ≥ 100 per second;
// the note gives the latencies.
const (
	storeColdMembers = 10_000
	storeColdGoal    = 100 // first requests per second: 1 / 10 ms
	storeColdWarm    = 20  // warm requests, whose median the note gives
)

func storeColdSuite(ctx context.Context, o Options) ([]Row, error) {
	members := storeColdMembers
	if o.Quick {
		members = 1_000
	}
	dir, err := storeTempDir(o, "coldload")
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	secret, err := storeSecret()
	if err != nil {
		return nil, err
	}
	client, personID, err := storeColdPerson(ctx, o.Binary, data, secret)
	if err != nil {
		return nil, err
	}
	orgID := storeID("g", 1)
	if err := storeColdOrg(ctx, data, secret, orgID, personID, members); err != nil {
		return nil, err
	}
	// The first server loads the organization for the first time ever:
	// it folds all of its records, and writes a snapshot in the background.
	never, err := storeColdFirst(ctx, o.Binary, data, secret, client, orgID, storeColdSnapshotWait)
	if err != nil {
		return nil, err
	}
	snapped, err := storeColdSnapshotted(ctx, data, orgID)
	if err != nil {
		return nil, err
	}
	// The restarted server has the organization in no memory: its first
	// request is the row. The same restart without the snapshot (dropped
	// by the command) folds every record, as before snapshots.
	cold, err := storeColdRestart(ctx, o.Binary, data, secret, client, orgID)
	if err != nil {
		return nil, err
	}
	if err := storeColdDrop(ctx, o.Binary, data, secret); err != nil {
		return nil, err
	}
	fold, err := storeColdRestart(ctx, o.Binary, data, secret, client, orgID)
	if err != nil {
		return nil, err
	}
	return []Row{{Path: fmt.Sprintf("cold load, %dk-member organization", members/1000), Ours: 1 / cold.first.Seconds(),
		Unit: "req/s", Goal: storeColdGoal, Note: fmt.Sprintf("first get-full-organization after a restart: %.1f ms, server CPU %s (goal < 10 ms; snapshot: %s); "+
			"the same without the snapshot (full fold): %.1f ms, server CPU %s; first ever: %.1f ms; warm: %.1f ms",
			storeMs(cold.first), cold.cpu, snapped, storeMs(fold.first), fold.cpu, storeMs(never), cold.warm)}}, nil
}

// coldTimes are one restarted server's first request (wall time and the
// server's CPU time for it) and the median of the next ones (ms).
type coldTimes struct {
	first time.Duration
	cpu   string
	warm  float64
}

// storeColdRestart starts a server on data, times its first
// get-full-organization and storeColdWarm more, and stops it.
func storeColdRestart(ctx context.Context, bin, data, secret string, client *http.Client, orgID string) (coldTimes, error) {
	srv, err := storeStart(ctx, bin, data, secret, nil)
	if err != nil {
		return coldTimes{}, err
	}
	defer srv.stop()
	time.Sleep(storeColdSettle)
	pid := srv.cmd.Process.Pid
	before, ok1 := processCPU(pid)
	first, err := storeColdGet(ctx, client, srv.url, orgID)
	if err != nil {
		return coldTimes{}, err
	}
	after, ok2 := processCPU(pid)
	warm := make([]float64, 0, storeColdWarm)
	for range storeColdWarm {
		d, err := storeColdGet(ctx, client, srv.url, orgID)
		if err != nil {
			return coldTimes{}, err
		}
		warm = append(warm, storeMs(d))
	}
	return coldTimes{first: first, cpu: cpuNote(before, after, ok1 && ok2), warm: median(warm)}, nil
}

// storeColdDrop runs authledger snapshots drop on the stopped server's data.
func storeColdDrop(ctx context.Context, bin, data, secret string) error {
	cmd := exec.CommandContext(ctx, bin, "snapshots", "drop", "--data-dir", data)
	cmd.Env = append(storeEnv(), "AUTHLEDGER_SECRET="+secret)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("authledger snapshots drop: %v: %s", err, storeTail(out))
	}
	return nil
}

// storeColdSettle lets a started server's projections catch up with the
// appended stream: the row measures the aggregate's load, not a server
// still busy starting. storeColdSnapshotWait leaves the first server the
// time to write its snapshot before it stops.
const (
	storeColdSettle       = 3 * time.Second
	storeColdSnapshotWait = 2 * time.Second
)

// storeColdFirst starts a server, times its first get-full-organization,
// waits for wait and stops it.
func storeColdFirst(ctx context.Context, bin, data, secret string, client *http.Client, orgID string, wait time.Duration) (time.Duration, error) {
	srv, err := storeStart(ctx, bin, data, secret, nil)
	if err != nil {
		return 0, err
	}
	defer srv.stop()
	time.Sleep(storeColdSettle)
	d, err := storeColdGet(ctx, client, srv.url, orgID)
	time.Sleep(wait)
	return d, err
}

// storeColdSnapshotted says whether the stopped server left a snapshot of
// the organization ("none" when the binary writes none).
func storeColdSnapshotted(ctx context.Context, data, orgID string) (string, error) {
	es, err := essqlite.Open(ctx, filepath.Join(data, "events.db"), essqlite.Options{})
	if err != nil {
		return "", err
	}
	defer es.Close()
	snap, err := es.GetSnapshot(ctx, group.Stream(orgID))
	if errors.Is(err, eventstore.ErrSnapshotNotFound) {
		return "none", nil
	}
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d records, %d KiB", snap.Version, len(snap.Data)/1024), nil
}

// storeMs is d in milliseconds.
func storeMs(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// storeColdPerson starts a server on a fresh data directory, signs a
// person up (the client keeps the session cookie) and stops it.
func storeColdPerson(ctx context.Context, bin, data, secret string) (*http.Client, string, error) {
	srv, err := storeStart(ctx, bin, data, secret, nil, storeCheapHash...)
	if err != nil {
		return nil, "", err
	}
	defer srv.stop()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	body, _ := json.Marshal(map[string]string{"email": "owner@example.test", "password": "zebra lantern orbit 42", "name": "Owner"})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.url+"/api/auth/sign-up/email", bytes.NewReader(body))
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", storeOrigin)
	res, err := client.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer res.Body.Close()
	var out struct{ User struct{ ID string } }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK || out.User.ID == "" {
		return nil, "", fmt.Errorf("cold load: sign-up answered %d (%v)", res.StatusCode, err)
	}
	return client, out.User.ID, nil
}

// storeColdOrg appends an organization with members members (the person
// as its owner, then made-up people) to the stopped server's log, sealed
// under the group's key as the server seals it.
func storeColdOrg(ctx context.Context, data, secret, orgID, ownerID string, members int) error {
	es, err := essqlite.Open(ctx, filepath.Join(data, "events.db"), essqlite.Options{})
	if err != nil {
		return err
	}
	defer es.Close()
	codec := eventstore.NewCodec(registry.New(), eventstore.NewKeyring(es.Keys(), eventstore.DeriveKEK([]byte(secret))))
	stream := group.Stream(orgID)
	at := time.Now().UTC().Add(-time.Hour)
	evs := []domain.Event{group.Created{GroupID: orgID, Name: "Perf", Slug: "perf-cold", Actor: ownerID, At: at},
		group.MemberAdded{GroupID: orgID, MemberID: storeID("m", 0), PersonID: ownerID, Role: "owner", Actor: ownerID, At: at}}
	for i := 1; i < members; i++ {
		evs = append(evs, group.MemberAdded{GroupID: orgID, MemberID: storeID("m", i), PersonID: storeID("p", i),
			Role: "member", Actor: ownerID, At: at.Add(time.Duration(i) * time.Millisecond)})
	}
	var version uint64
	for start := 0; start < len(evs); start += storeFixtureAppend {
		batch := evs[start:min(start+storeFixtureAppend, len(evs))]
		req := eventstore.AppendRequest{Stream: stream, Expected: eventstore.Exactly(version)}
		for _, ev := range batch {
			d, err := codec.Encode(ctx, ev, domain.Metadata{Actor: ownerID, RequestID: "perf", OccurredAt: at}, stream)
			if err != nil {
				return err
			}
			req.Events = append(req.Events, d)
		}
		if _, err := es.Append(ctx, req); err != nil {
			return fmt.Errorf("cold load: append the organization: %w", err)
		}
		version += uint64(len(batch))
	}
	return nil
}

// storeColdGet times one get-full-organization of the organization.
func storeColdGet(ctx context.Context, client *http.Client, base, orgID string) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/auth/organization/get-full-organization?organizationId="+orgID, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Origin", storeOrigin)
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	el := time.Since(start)
	if err != nil || res.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(orgID)) {
		return 0, fmt.Errorf("cold load: get-full-organization answered %d without the organization (%v)", res.StatusCode, err)
	}
	return el, nil
}
