package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"
)

// argon2Role derives Argon2id keys at the server's production parameters
// (m=19456 KiB, t=2, p=1, 32-byte key: the library and settings the
// server's hasher uses) in PERF_WORKERS goroutines for PERF_SECONDS and
// prints the rate: the most sign-ins per second the cores it runs on can do.
func argon2Role() error {
	workers, _ := strconv.Atoi(os.Getenv("PERF_WORKERS"))
	secs, _ := strconv.ParseFloat(os.Getenv("PERF_SECONDS"), 64)
	if workers < 1 || secs <= 0 {
		return fmt.Errorf("PERF_WORKERS and PERF_SECONDS must be positive")
	}
	var n atomic.Int64
	deadline := time.Now().Add(time.Duration(secs * float64(time.Second)))
	salt := []byte("0123456789abcdef")
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				argon2.IDKey([]byte("correct horse battery staple"), salt, 2, 19456, 1, 32)
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Printf("%.3f\n", float64(n.Load())/time.Since(start).Seconds())
	return nil
}

// rawArgon2 runs the Argon2id loop on cpus and returns hashes per second.
func rawArgon2(ctx context.Context, m machine, cpus string, workers int, d time.Duration) (float64, error) {
	cmd, err := roleCommand(m, cpus, "argon2", fmt.Sprintf("PERF_WORKERS=%d", workers),
		fmt.Sprintf("PERF_SECONDS=%g", d.Seconds()))
	if err != nil {
		return 0, err
	}
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("argon2 loop: %w", err)
	}
	return strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
}
