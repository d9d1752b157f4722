package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// The sign-up rows: sign-up/email through the built binary from
// storeSignUpClients concurrent clients with cheap Argon2 settings, so the
// store (appends, projections, commits) bounds the rate, not the hash.
const storeSignUpClients = 16

// storeCheapHash are the serve flags of the store-bound sign-up rows: a
// cheap hash, and no strength estimate (zxcvbn took about 30% of a
// sign-up's CPU with the hash this cheap), so the rows measure the store,
// not the password checks; the sign-in rows measure the hash.
var storeCheapHash = []string{"--argon2-memory", "64", "--argon2-time", "1", "--max-hashes", "64",
	"--password-min-score", "0"}

func storeSignUpSuite(ctx context.Context, o Options) ([]Row, error) {
	n := 4000
	if o.Quick {
		n = 400
	}
	sq, err := storeSignUpRun(ctx, o, "sqlite", n)
	if err != nil {
		return nil, err
	}
	rows := []Row{{Path: fmt.Sprintf("sign-up store-bound, SQLite, c=%d", storeSignUpClients), Ours: sq, Unit: "req/s",
		Goal: 2000, Note: fmt.Sprintf("%d sign-ups, argon2 m=64 KiB t=1, strength estimate off", n)}}
	pgRow := Row{Path: fmt.Sprintf("sign-up store-bound, PostgreSQL, c=%d", storeSignUpClients), Unit: "req/s", Goal: 1500}
	if o.Postgres == "" {
		pgRow.Note = "skipped: no -postgres URL"
		return append(rows, pgRow), nil
	}
	if pgRow.Ours, err = storeSignUpRun(ctx, o, "postgres", n); err != nil {
		return nil, err
	}
	pgRow.Note = rows[0].Note
	return append(rows, pgRow), nil
}

// storeSignUpRun starts a server on a fresh store of the kind and returns
// its sign-up rate.
func storeSignUpRun(ctx context.Context, o Options, kind string, n int) (float64, error) {
	dir, err := storeTempDir(o, "signup-"+kind)
	if err != nil {
		return 0, err
	}
	var env []string
	if kind == "postgres" {
		db, drop, err := storePGDatabase(ctx, o.Postgres)
		if err != nil {
			return 0, err
		}
		defer drop()
		env = append(env, "AUTHLEDGER_DATABASE_URL="+db)
	}
	secret, err := storeSecret()
	if err != nil {
		return 0, err
	}
	srv, err := storeStart(ctx, o.Binary, filepath.Join(dir, "data"), secret, env, storeCheapHash...)
	if err != nil {
		return 0, err
	}
	defer srv.stop()
	return storeSignUps(ctx, srv.url, n, storeSignUpClients)
}

// storeSignUps sends n sign-ups of unique emails from clients goroutines
// and returns sign-ups per second; any answer but 200 (after backing off
// on 503, as the server asks) is an error.
func storeSignUps(ctx context.Context, base string, n, clients int) (float64, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(n) {
					return
				}
				if err := storeSignUp(ctx, client, base, i); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	el := time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	return float64(n) / el.Seconds(), nil
}

// storeSignUp sends sign-up number i.
func storeSignUp(ctx context.Context, client *http.Client, base string, i int64) error {
	body, _ := json.Marshal(map[string]string{"email": fmt.Sprintf("perf-%d@example.test", i),
		"password": "zebra lantern orbit 42", "name": "Perf"})
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/auth/sign-up/email", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", storeOrigin)
		res, err := client.Do(req)
		if err != nil {
			return fmt.Errorf("sign-up %d: %w", i, err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		switch res.StatusCode {
		case http.StatusOK:
			return nil
		case http.StatusServiceUnavailable: // hashing slots full: back off as told
			time.Sleep(20 * time.Millisecond)
		default:
			return fmt.Errorf("sign-up %d: status %d", i, res.StatusCode)
		}
	}
}
