package ratelimit

import (
	"net/http"
	"net/netip"
	"testing"
	"time"
)

// FuzzClientIP: any peer and X-Forwarded-For parse without panicking; an
// untrusted peer is always the answer; behind a trusted proxy the answer is
// the peer or one of the forwarded hops. The limiter accepts whatever comes
// out.
func FuzzClientIP(f *testing.F) {
	f.Add("203.0.113.7:1", "1.2.3.4")
	f.Add("10.0.0.1:1", "6.6.6.6, 203.0.113.9, 10.2.2.2")
	f.Add("[fd00::1]:1", "2001:db8::1%eth0, ::ffff:1.2.3.4")
	f.Add("10.0.0.1", ",,, ,")
	f.Add("garbage", "x")
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	l := New(nil, 64)
	f.Fuzz(func(t *testing.T, remote, xff string) {
		r := &http.Request{RemoteAddr: remote, Header: http.Header{"X-Forwarded-For": {xff}}}
		got := ClientIP(r, trusted)
		peer, ok := peerAddr(remote)
		switch {
		case !ok:
			if got != remote {
				t.Fatalf("unparsable peer %q → %q", remote, got)
			}
		case !inAny(peer, trusted):
			if got != peer.String() {
				t.Fatalf("untrusted peer %q → %q", remote, got)
			}
		case got != peer.String() && !isHop(got, r.Header):
			t.Fatalf("ClientIP(%q, %q) = %q, neither the peer nor a forwarded hop", remote, xff, got)
		}
		l.Allow(got, "/sign-in/email", time.Unix(0, 0))
	})
}

// isHop reports whether addr is the normalized form of a forwarded hop.
func isHop(addr string, h http.Header) bool {
	for _, hop := range forwardedFor(h) {
		if a, err := netip.ParseAddr(hop); err == nil && a.Unmap().WithZone("").String() == addr {
			return true
		}
	}
	return false
}
