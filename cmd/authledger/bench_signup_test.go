package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkSignUpE2E measures sign-up/email through the real binary with
// 16 concurrent clients, on the embedded SQLite store and (when
// AUTHLEDGER_TEST_POSTGRES is set) on PostgreSQL, in one run so the two
// compare. The cheap-argon2 cases show the store and the server; the
// production-argon2 cases show what a deployment gets (hash-bound).
func BenchmarkSignUpE2E(b *testing.B) {
	stores := []string{"sqlite"}
	if os.Getenv("AUTHLEDGER_TEST_POSTGRES") != "" {
		stores = append(stores, "postgres")
	}
	for _, hash := range []string{"cheap-argon2", "production-argon2"} {
		for _, st := range stores {
			b.Run(st+"/"+hash, func(b *testing.B) {
				var args []string
				if hash == "cheap-argon2" {
					args = append(args, crashHashArgs...)
				}
				if st == "postgres" {
					args = append(args, "--database", newPGDatabase(b, pgServerURL(b)))
				}
				srv := startServer(b, filepath.Join(b.TempDir(), "data"), args...)
				benchSignUps(b, srv.URL, 16)
			})
		}
	}
}

// benchSignUps runs b.N sign-ups of unique emails from clients goroutines
// and reports sign-ups per second; any status but 200 fails.
func benchSignUps(b *testing.B, url string, clients int) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				body := map[string]string{"email": fmt.Sprintf("bench-%d@example.test", i),
					"password": "zebra lantern orbit 42", "name": "Bench"}
				r := authPost(context.Background(), client, url, "sign-up/email", body)
				for r.Err == nil && r.Status == http.StatusServiceUnavailable { // hashing slots full: back off as told
					time.Sleep(20 * time.Millisecond)
					r = authPost(context.Background(), client, url, "sign-up/email", body)
				}
				if r.Err != nil || r.Status != 200 {
					b.Errorf("sign-up %d: %d %s %v", i, r.Status, r.Body, r.Err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "signups/s")
}
