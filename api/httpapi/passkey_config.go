package httpapi

import (
	"net"
	"net/url"
	"slices"

	"github.com/authledger/authledger/domain/passkey"
)

// PasskeyConfig configures the passkey plugin's relying party. Zero values
// take the defaults.
type PasskeyConfig struct {
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

// relyingParty resolves the configured relying party against the base
// URL and the trusted origins.
func (s *Server) relyingParty() passkey.RP {
	p := s.cfg.Passkey
	rp := passkey.RP{ID: p.RPID, Name: p.RPName, Origins: p.Origins}
	base, _ := url.Parse(s.cfg.BaseURL)
	if rp.ID == "" && base != nil {
		rp.ID = base.Hostname()
		if net.ParseIP(rp.ID) != nil {
			rp.ID = "localhost"
		}
	}
	if rp.Name == "" {
		rp.Name = "authledger"
	}
	if len(rp.Origins) == 0 {
		if base != nil {
			rp.Origins = append(rp.Origins, base.Scheme+"://"+base.Host)
			if net.ParseIP(base.Hostname()) != nil {
				rp.Origins = append(rp.Origins, base.Scheme+"://"+net.JoinHostPort("localhost", base.Port()))
			}
		}
		rp.Origins = slices.Compact(append(rp.Origins, s.cfg.TrustedOrigins...))
	}
	return rp
}

// ceremonies returns the relying party's ceremonies (cheap to build: a
// config check, no I/O).
func (s *Server) ceremonies() (*passkey.Relying, error) {
	return passkey.New(s.relyingParty())
}
