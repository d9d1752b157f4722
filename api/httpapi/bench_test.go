package httpapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/password"
)

// BenchmarkGetSession measures get-session through the full Echo stack
// (middleware, cookie verification, index lookup, JSON) in process.
// Run with -cpu 1 for the one-core figure.
func BenchmarkGetSession(b *testing.B) {
	h := newHarness(b)
	cookie, _ := signUpFor(h, "bench@example.com")
	handler := h.srv.Handler()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := httptest.NewRequest(http.MethodGet, "/api/auth/get-session", nil)
			r.Header.Set("Cookie", cookie)
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, r)
			if w.Code != 200 || w.Body.Len() < 100 {
				b.Fatalf("get-session: %d %s", w.Code, w.Body)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkGetSessionLoopback drives a real HTTP server over loopback
// with 32 concurrent keep-alive connections and reports p50/p99 latency.
func BenchmarkGetSessionLoopback(b *testing.B) {
	h := newHarness(b)
	cookie, _ := signUpFor(h, "bench@example.com")
	tr := &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}
	client := &http.Client{Transport: tr}
	const conns = 32
	lat := make([][]time.Duration, conns)
	b.ResetTimer()
	var wg sync.WaitGroup
	per := b.N/conns + 1
	for i := range conns {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for range per {
				req, _ := http.NewRequest(http.MethodGet, h.http.URL+"/api/auth/get-session", nil)
				req.Header.Set("Cookie", cookie)
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				lat[i] = append(lat[i], time.Since(t0))
			}
		}(i)
	}
	wg.Wait()
	all := slices.Concat(lat...)
	slices.Sort(all)
	b.ReportMetric(float64(len(all))/b.Elapsed().Seconds(), "req/s")
	b.ReportMetric(float64(all[len(all)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkSignIn compares end-to-end sign-in throughput with the raw
// Argon2id verify rate at production parameters on the same cores; the
// ratio of the two req/s figures is the sign-in efficiency.
func BenchmarkSignIn(b *testing.B) {
	params := password.DefaultParams()
	b.Run("raw-argon2id", func(b *testing.B) {
		hs := password.NewHasher(params, runtime.GOMAXPROCS(0))
		phc, _ := hs.Hash(context.Background(), "correct horse 1")
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if ok, _, err := hs.Verify(context.Background(), "correct horse 1", phc); !ok || err != nil {
					b.Fatal("verify failed", err)
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	})
	b.Run("sign-in-email", func(b *testing.B) {
		hs := password.NewHasher(params, runtime.GOMAXPROCS(0))
		hs.BusyWait = time.Minute
		h := newHarness(b, func(c *Config) { c.Hasher = hs })
		signUpFor(h, "bench@example.com")
		handler := h.srv.Handler()
		body := `{"email":"bench@example.com","password":"correct horse 1"}`
		b.SetParallelism(4) // 4 clients per core, as the harness's c=4: commits overlap hashes
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				r := httptest.NewRequest(http.MethodPost, "/api/auth/sign-in/email", stringsReader(body))
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set("Origin", testOrigin)
				w := httptest.NewRecorder()
				handler.ServeHTTP(w, r)
				if w.Code != 200 {
					b.Fatalf("sign-in: %d %s", w.Code, w.Body)
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	})
}

func signUpFor(h *harness, email string) (string, resp) {
	r := h.post("/sign-up/email", fmt.Sprintf(`{"email":%q,"password":"correct horse 1","name":"Bench"}`, email), nil)
	if r.status != 200 {
		panic(fmt.Sprintf("sign-up: %d %s", r.status, r.body))
	}
	return cookieHeader(r), r
}
