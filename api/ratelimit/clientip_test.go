package ratelimit

import (
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

func TestClientIP(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	tests := []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"no proxy, no header", "203.0.113.7:4242", nil, "203.0.113.7"},
		{"row 19 spoofed header from untrusted peer", "203.0.113.7:4242", []string{"1.2.3.4"}, "203.0.113.7"},
		{"trusted proxy", "10.0.0.2:80", []string{"203.0.113.9"}, "203.0.113.9"},
		{"right-most untrusted wins over spoofed left", "10.0.0.2:80", []string{"6.6.6.6, 203.0.113.9"}, "203.0.113.9"},
		{"chain of trusted proxies", "10.0.0.2:80", []string{"203.0.113.9, 10.1.1.1", "10.2.2.2"}, "203.0.113.9"},
		{"all trusted: left-most", "10.0.0.2:80", []string{"10.3.3.3, 10.4.4.4"}, "10.3.3.3"},
		{"trusted proxy, no header", "10.0.0.2:80", nil, "10.0.0.2"},
		{"garbage hop: nearest trusted", "10.0.0.2:80", []string{"203.0.113.9, not-an-ip, 10.5.5.5"}, "10.5.5.5"},
		{"hop with a port is garbage", "10.0.0.2:80", []string{"203.0.113.9:1234"}, "10.0.0.2"},
		{"IPv6 peer", "[2001:db8::5]:443", []string{"1.2.3.4"}, "2001:db8::5"},
		{"IPv6 trusted proxy", "[fd00::1]:443", []string{"2001:db8::7"}, "2001:db8::7"},
		{"IPv4-mapped peer", "[::ffff:203.0.113.7]:1", nil, "203.0.113.7"},
		{"unparsable peer", "pipe", []string{"1.2.3.4"}, "pipe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/api/auth/sign-in/email", nil)
			r.RemoteAddr = tt.remote
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := ClientIP(r, proxies); got != tt.want {
				t.Errorf("ClientIP = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestItem17 drives the limiter through ClientIP: a rotating X-Forwarded-For
// from an untrusted peer keeps one key; behind a trusted proxy each client
// gets its own.
func TestItem17(t *testing.T) {
	proxy := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	attempt := func(l *Limiter, remote, xff string) bool {
		r := httptest.NewRequest("POST", "/api/auth/sign-in/email", nil)
		r.RemoteAddr = remote
		r.Header.Set("X-Forwarded-For", xff)
		ok, _ := l.Allow(ClientIP(r, proxy), "/sign-in/email", t0.Add(time.Second))
		return ok
	}
	l := New(nil, 0)
	spoofs := []string{"1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"}
	for i, xff := range spoofs {
		ok := attempt(l, "203.0.113.7:5000", xff)
		if want := i < 3; ok != want {
			t.Errorf("untrusted peer, X-Forwarded-For %s: allowed = %v, want %v", xff, ok, want)
		}
	}
	l = New(nil, 0)
	for _, xff := range spoofs {
		if !attempt(l, "10.0.0.2:5000", xff) {
			t.Errorf("behind trusted proxy, client %s refused", xff)
		}
	}
}
