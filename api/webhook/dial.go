package webhook

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// ErrForbiddenAddress is a connection refused by the address policy.
var ErrForbiddenAddress = errors.New("webhook: the endpoint resolves to a forbidden address")

// forbiddenPrefixes are the ranges, besides what netip's predicates
// cover, an endpoint may not resolve to: "this network", shared address
// space (carrier-grade NAT), IETF protocol assignments, benchmarking,
// reserved and broadcast, the NAT64 prefixes (they embed IPv4 addresses),
// 6to4 and Teredo, and the documentation ranges.
var forbiddenPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2001::/32"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("2002::/16"),
}

// Forbidden reports whether an endpoint may not be reached at addr:
// loopback, private (RFC 1918, unique local), link-local (which holds the
// cloud metadata address 169.254.169.254), multicast, unspecified, or one
// of forbiddenPrefixes. IPv4-mapped IPv6 addresses are judged as IPv4.
func Forbidden(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsValid() || addr.IsLoopback() || addr.IsPrivate() || addr.IsLinkLocalUnicast() ||
		addr.IsLinkLocalMulticast() || addr.IsInterfaceLocalMulticast() || addr.IsMulticast() || addr.IsUnspecified() {
		return true
	}
	for _, p := range forbiddenPrefixes {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// control is the dialer's Control: it runs after name resolution, on the
// very address about to be connected, and refuses forbidden ones.
func control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	if Forbidden(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, ap.Addr())
	}
	return nil
}

// dialer returns the dialer of the client: guarded unless allowPrivate.
func dialer(timeout time.Duration, allowPrivate bool) *net.Dialer {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = control
	}
	return d
}
