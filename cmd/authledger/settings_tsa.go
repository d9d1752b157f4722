package main

import (
	"crypto"
	"crypto/x509"
	"net/url"
	"os"
)

// tsaSettings are the RFC 3161 anchoring settings of the audit chain.
type tsaSettings struct {
	// URL is the Time-Stamping Authority; "" means no anchoring.
	URL string
	// Roots is the trust bundle the TSA certificate must chain to; nil
	// means audit verify does not check time-stamps.
	Roots *x509.CertPool
	// Hash is the imprint hash of the requests.
	Hash crypto.Hash
}

// tsa parses --audit-tsa-url, --audit-tsa-roots and --audit-tsa-hash.
func (p *settingsParser) tsa() tsaSettings {
	t := tsaSettings{URL: p.str("audit-tsa-url")}
	t.Hash = []crypto.Hash{crypto.SHA256, crypto.SHA384, crypto.SHA512}[p.choice("audit-tsa-hash", "sha256", "sha384", "sha512")]
	if t.URL != "" {
		if u, err := url.Parse(t.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p.fail("audit-tsa-url", "must be an http or https URL")
		}
	}
	if f := p.str("audit-tsa-roots"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			p.fail("audit-tsa-roots", "names no readable file (%s)", pathErrReason(err))
			return t
		}
		t.Roots = x509.NewCertPool()
		if !t.Roots.AppendCertsFromPEM(b) {
			p.fail("audit-tsa-roots", "holds no PEM certificate")
		}
	}
	return t
}
