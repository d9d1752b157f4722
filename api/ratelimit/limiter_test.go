package ratelimit

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 27, 9, 12, 19, 0, time.UTC)

// TestItem15SignIn: the 4th /sign-in/email from one IP within 10 s gets 429
// with X-Retry-After: 10 (Better Auth's recorded exchange); another IP and the next window
// are fine.
func TestItem15SignIn(t *testing.T) {
	l := New(nil, 0)
	for i := range 3 {
		if ok, _ := l.Allow("203.0.113.7", "/sign-in/email", t0.Add(time.Duration(i)*time.Millisecond)); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	ok, retry := l.Allow("203.0.113.7", "/sign-in/email", t0.Add(5*time.Millisecond))
	if ok {
		t.Fatal("4th attempt within 10 s allowed")
	}
	rec := httptest.NewRecorder()
	Write429(rec, retry)
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("X-Retry-After") != "10" ||
		rec.Header().Get("Retry-After") != "10" || rec.Body.String() != TooManyRequestsBody ||
		rec.Header().Get("Content-Type") != "application/json" {
		t.Errorf("429 = %d %v %q", rec.Code, rec.Header(), rec.Body)
	}
	if ok, _ := l.Allow("203.0.113.8", "/sign-in/email", t0.Add(time.Second)); !ok {
		t.Error("other client IP refused")
	}
	if ok, _ := l.Allow("203.0.113.7", "/sign-in/email", t0.Add(10*time.Second)); !ok {
		t.Error("new window refused")
	}
}

func TestItem15PasswordReset(t *testing.T) {
	l := New(nil, 0)
	for i := range 3 {
		if ok, _ := l.Allow("198.51.100.1", "/request-password-reset", t0.Add(time.Duration(i)*10*time.Second)); !ok {
			t.Fatalf("request %d refused", i+1)
		}
	}
	ok, retry := l.Allow("198.51.100.1", "/request-password-reset", t0.Add(59*time.Second))
	if ok || RetrySeconds(retry) != 1 {
		t.Errorf("4th reset within 60 s = %v, retry %v; want refused, 1 s", ok, retry)
	}
	if ok, _ := l.Allow("198.51.100.1", "/request-password-reset", t0.Add(60*time.Second)); !ok {
		t.Error("reset refused in the next window")
	}
}

func TestRuleMatching(t *testing.T) {
	tests := []struct {
		path   string
		max    int
		window time.Duration
		bucket string
	}{
		{"/get-session", 100, 10 * time.Second, "/get-session"},
		{"/sign-in/email", 3, 10 * time.Second, "/sign-in"},
		{"/sign-in/social/", 3, 10 * time.Second, "/sign-in"},
		{"/sign-up/email?x=1", 3, 10 * time.Second, "/sign-up"},
		{"/change-password", 3, 10 * time.Second, "/change-password"},
		{"/change-email", 3, 10 * time.Second, "/change-email"},
		{"/two-factor/verify-totp", 3, 10 * time.Second, "/two-factor/"},
		{"/two-factorx", 100, 10 * time.Second, "/two-factorx"},
		{"/request-password-reset", 3, 60 * time.Second, "/request-password-reset"},
		{"/request-password-reset/x", 100, 10 * time.Second, "/request-password-reset/x"},
		{"/send-verification-email", 3, 60 * time.Second, "/send-verification-email"},
		{"/forget-password/x", 3, 60 * time.Second, "/forget-password"},
		{"/email-otp/send-verification-otp", 3, 60 * time.Second, "/email-otp/send-verification-otp"},
	}
	for _, tt := range tests {
		r, ok := match(DefaultRules(), normalizePath(tt.path))
		bucket := r.Path
		if r.PerPath {
			bucket = normalizePath(tt.path)
		}
		if !ok || r.Max != tt.max || r.Window != tt.window || bucket != tt.bucket {
			t.Errorf("%s → %+v (bucket %q), want %d/%v bucket %q", tt.path, r, bucket, tt.max, tt.window, tt.bucket)
		}
	}
}

func TestBuckets(t *testing.T) {
	l := New(nil, 0)
	ip := "192.0.2.1"
	for i := range 3 {
		path := []string{"/sign-in/email", "/sign-in/social", "/sign-in/username"}[i]
		if ok, _ := l.Allow(ip, path, t0); !ok {
			t.Fatalf("%s refused", path)
		}
	}
	if ok, _ := l.Allow(ip, "/sign-in/passkey", t0); ok {
		t.Error("sign-in paths do not share a bucket")
	}
	for i := range 100 {
		if ok, _ := l.Allow(ip, "/get-session", t0); !ok {
			t.Fatalf("get-session %d refused", i+1)
		}
	}
	if ok, _ := l.Allow(ip, "/get-session", t0); ok {
		t.Error("101st get-session allowed")
	}
	if ok, _ := l.Allow(ip, "/list-sessions", t0); !ok {
		t.Error("catch-all rule is not per path")
	}
}

func TestIPKeying(t *testing.T) {
	l := New(nil, 0)
	same := []string{"2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:DB8:1:2::7%eth0"}
	for _, ip := range same {
		l.Allow(ip, "/sign-up/email", t0)
	}
	if ok, _ := l.Allow("2001:db8:1:2::abcd", "/sign-up/email", t0); ok {
		t.Error("addresses of one /64 are counted apart")
	}
	if ok, _ := l.Allow("2001:db8:1:3::1", "/sign-up/email", t0); !ok {
		t.Error("another /64 was limited")
	}
	for range 3 {
		l.Allow("::ffff:192.0.2.9", "/sign-up/email", t0)
	}
	if ok, _ := l.Allow("192.0.2.9", "/sign-up/email", t0); ok {
		t.Error("IPv4-mapped and plain IPv4 are counted apart")
	}
}

func TestCustomRulesAndUnmatched(t *testing.T) {
	l := New([]Rule{{Path: "/only", Exact: true, Max: 1, Window: time.Second}}, 0)
	if ok, _ := l.Allow("x", "/other", t0); !ok {
		t.Error("unmatched path limited")
	}
	l.Allow("x", "/only", t0)
	if ok, retry := l.Allow("x", "/only", t0.Add(300*time.Millisecond)); ok || retry != 700*time.Millisecond {
		t.Errorf("second = %v, %v; want refused, 700ms", ok, retry)
	}
}

func TestMemoryBound(t *testing.T) {
	l := New(nil, 640)
	for i := range 10_000 {
		l.Allow(fmt.Sprintf("10.0.%d.%d", i/256, i%256), "/get-session", t0)
	}
	if n := l.Len(); n > 640 {
		t.Errorf("Len = %d, want ≤ 640", n)
	}
	l.Sweep(t0.Add(10 * time.Second))
	if n := l.Len(); n != 0 {
		t.Errorf("Len after sweeping expired windows = %d, want 0", n)
	}
}

func TestExpiredWindowsSweptAsUsed(t *testing.T) {
	l := New(nil, 0)
	for i := range 1000 {
		l.Allow(fmt.Sprintf("10.1.%d.%d", i/256, i%256), "/get-session", t0)
	}
	// Later traffic sweeps each shard it touches once per sweep interval.
	for i := range 5000 {
		l.Allow(fmt.Sprintf("10.2.%d.%d", i/256, i%256), "/ok", t0.Add(time.Minute))
	}
	if n := l.Len(); n != 5000 {
		t.Errorf("Len = %d, want only the 5000 live windows", n)
	}
}

// TestConcurrentAllow: under -race, 32 goroutines hammering one key get
// exactly Max admissions in one window.
func TestConcurrentAllow(t *testing.T) {
	l := New(nil, 0)
	var admitted atomic.Int64
	var wg sync.WaitGroup
	for g := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				if ok, _ := l.Allow("192.0.2.50", "/get-session", t0.Add(time.Duration(i))); ok {
					admitted.Add(1)
				}
				l.Allow(fmt.Sprintf("192.0.3.%d", g), "/sign-in/email", t0)
			}
		}()
	}
	wg.Wait()
	if got := admitted.Load(); got != 100 {
		t.Errorf("admitted %d, want exactly 100", got)
	}
}

func BenchmarkAllowParallel(b *testing.B) {
	l := New(nil, 0)
	var next atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		n := next.Add(1)
		ip := fmt.Sprintf("10.9.%d.%d", n/256, n%256)
		now := t0
		for pb.Next() {
			now = now.Add(time.Millisecond)
			l.Allow(ip, "/get-session", now)
		}
	})
}

func BenchmarkAllowParallelManyClients(b *testing.B) {
	l := New(nil, 0)
	ips := make([]string, 4096)
	for i := range ips {
		ips[i] = fmt.Sprintf("10.%d.%d.%d", i/65536, i/256%256, i%256)
	}
	var seq atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := seq.Add(1)
			l.Allow(ips[n%int64(len(ips))], "/sign-in/email", t0.Add(time.Duration(n)))
		}
	})
}
