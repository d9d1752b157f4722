package httpapi

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/password"
)

// TestHashOverloadLogIsRateLimited: requests refused with 503 because
// every password-hashing slot is busy (as under a credential-stuffing
// flood) are each counted in /metrics, but logged as a warning at most
// once per interval (with how many were refused since), never as one
// ERROR line per request.
func TestHashOverloadLogIsRateLimited(t *testing.T) {
	hs := password.NewHasher(password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 1)
	hs.BusyWait = time.Millisecond
	h := newHarness(t, func(c *Config) { c.Hasher = hs })
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	h.logs.Reset()

	// hold the only slot with expensive verifications until the end
	heavy := password.Encode(password.Params{Memory: 64 * 1024, Time: 16, Threads: 1, SaltLen: 16, KeyLen: 32},
		make([]byte, 16), make([]byte, 32))
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			_, _, _ = hs.Verify(context.Background(), "x", heavy)
		}
	}()
	defer func() { stop(); wg.Wait() }()

	busy := 0
	flood := func(n int) {
		t.Helper()
		for i := range n {
			r := h.post("/sign-in/email", fmt.Sprintf(`{"email":"n%d@example.com","password":"whatever123"}`, i), nil)
			switch r.status {
			case 503:
				busy++
				if r.header.Get("Retry-After") == "" {
					t.Errorf("503 %s without Retry-After", r.body)
				}
			case 401:
			default:
				t.Fatalf("status %d %s", r.status, r.body)
			}
		}
	}
	flood(30)
	if busy == 0 {
		t.Fatal("no request was refused although the only hashing slot was held")
	}
	logs := h.logs.String()
	if n := strings.Count(logs, "level=ERROR"); n != 0 {
		t.Errorf("%d ERROR lines for hashing overload:\n%s", n, logs)
	}
	if n := strings.Count(logs, "password hashing overloaded"); n != 1 {
		t.Errorf("%d overload warnings for %d refusals in one interval, want 1:\n%s", n, busy, logs)
	}
	if got := overloadMetric(t, h); got != busy {
		t.Errorf("metric counts %d overloads, want %d", got, busy)
	}

	// a later interval logs once more, with the count of what it suppressed
	h.clock.Advance(time.Minute)
	before := busy
	flood(10)
	logs = h.logs.String()
	if busy > before {
		if n := strings.Count(logs, "password hashing overloaded"); n != 2 {
			t.Errorf("%d overload warnings after the interval, want 2:\n%s", n, logs)
		}
		if !strings.Contains(logs, "suppressed=") {
			t.Errorf("the warning does not say how many it suppressed:\n%s", logs)
		}
	}
	if got := overloadMetric(t, h); got != busy {
		t.Errorf("metric counts %d overloads, want %d", got, busy)
	}
}

// overloadMetric reads authledger_password_hash_overload_total.
func overloadMetric(t *testing.T, h *harness) int {
	t.Helper()
	r := h.do(req{method: "GET", path: "/metrics", headers: map[string]string{"Authorization": "Bearer " + adminKey}})
	m := regexp.MustCompile(`(?m)^authledger_password_hash_overload_total (\d+)$`).FindSubmatch(r.body)
	if r.status != 200 || m == nil {
		t.Fatalf("metrics: %d %s", r.status, r.body)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}
