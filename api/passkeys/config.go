package passkeys

import (
	"net"
	"net/url"
	"slices"

	"github.com/authledger/authledger/domain/passkey"
)

// Config configures the passkey relying party. Zero values take the
// defaults; Resolve fills those that depend on the server's URL.
type Config struct {
	// RPID is the WebAuthn relying party ID: the site's host or a
	// registrable suffix of it (default: the base URL's host; "localhost"
	// when that host is an IP address, which WebAuthn does not accept).
	RPID string
	// RPName is shown by authenticators (default "authledger").
	RPName string
	// Origins are the page origins whose answers are accepted (default:
	// the base URL's origin and the trusted origins; with an IP-address
	// base URL also the same scheme and port on localhost, the origin a
	// browser can use passkeys from).
	Origins []string
}

// Resolve returns c with the relying party's defaults filled from the
// server's public base URL and its trusted origins.
func (c Config) Resolve(baseURL string, trustedOrigins []string) Config {
	base, _ := url.Parse(baseURL)
	if c.RPID == "" && base != nil {
		c.RPID = base.Hostname()
		if net.ParseIP(c.RPID) != nil {
			c.RPID = "localhost"
		}
	}
	if len(c.Origins) == 0 {
		var origins []string
		if base != nil {
			origins = append(origins, base.Scheme+"://"+base.Host)
			if net.ParseIP(base.Hostname()) != nil {
				origins = append(origins, base.Scheme+"://"+net.JoinHostPort("localhost", base.Port()))
			}
		}
		c.Origins = slices.Compact(append(origins, trustedOrigins...))
	}
	return c.withDefaults()
}

// withDefaults fills the defaults that need no URL.
func (c Config) withDefaults() Config {
	if c.RPName == "" {
		c.RPName = "authledger"
	}
	return c
}

// RP is the relying party the ceremonies run for.
func (c Config) RP() passkey.RP {
	return passkey.RP{ID: c.RPID, Name: c.RPName, Origins: c.Origins}
}
