package ratelimit

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ClientIP returns the address to attribute r to. It is the socket peer,
// unless the peer is inside a trusted proxy prefix: then X-Forwarded-For is
// read from the right, skipping trusted proxies, and the first untrusted
// address is the client. Addresses a client wrote into the header itself
// are never reached past an untrusted hop, so a spoofed header from an
// untrusted peer changes nothing. If the chain holds something that is not
// an address, the nearest trusted hop is returned.
func ClientIP(r *http.Request, trusted []netip.Prefix) string {
	peer, ok := peerAddr(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr
	}
	if !inAny(peer, trusted) {
		return peer.String()
	}
	hops := forwardedFor(r.Header)
	last := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			return last.String()
		}
		a = a.Unmap().WithZone("")
		if !inAny(a, trusted) {
			return a.String()
		}
		last = a
	}
	return last.String()
}

// peerAddr parses "host:port" (or a bare host) into an address.
func peerAddr(remote string) (netip.Addr, bool) {
	host := remote
	if h, _, err := net.SplitHostPort(remote); err == nil {
		host = h
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

// maxHops bounds how much of a forwarded chain is read.
const maxHops = 32

// forwardedFor returns the last maxHops X-Forwarded-For hops of every such
// header, in order, trimmed, empty ones dropped.
func forwardedFor(h http.Header) []string {
	var hops []string
	for _, v := range h.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(v, ",") {
			if hop = strings.TrimSpace(hop); hop != "" {
				hops = append(hops, hop)
			}
		}
	}
	if len(hops) > maxHops {
		hops = hops[len(hops)-maxHops:]
	}
	return hops
}

func inAny(a netip.Addr, prefixes []netip.Prefix) bool {
	for _, p := range prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
