package anchor

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"time"

	"github.com/authledger/authledger/eventstore/chain"
	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"
)

// Reason says why anchoring failed to verify. Values are API: never
// rename one.
type Reason string

// Reasons of a failed anchor verification.
const (
	// ReasonMissing: a checkpoint that should carry a token has none.
	ReasonMissing Reason = "timestamp_missing"
	// ReasonInvalid: a token does not parse, carries no certificate, or
	// its signature does not verify.
	ReasonInvalid Reason = "timestamp_invalid"
	// ReasonUntrusted: the TSA certificate does not chain to the trust
	// bundle, or is not a time-stamping certificate.
	ReasonUntrusted Reason = "timestamp_untrusted"
	// ReasonMismatch: the token stamps another digest than the
	// checkpoint's: the checkpoint was re-signed after it was stamped.
	ReasonMismatch Reason = "timestamp_mismatch"
	// ReasonTime: the token's time is before the checkpoint's, or earlier
	// than the previous checkpoint's token.
	ReasonTime Reason = "timestamp_time"
)

// Policy is what Verify checks the tokens against.
type Policy struct {
	// Roots is the trust bundle of the TSA certificates (required).
	Roots *x509.CertPool
	// Now is the verification time (zero: time.Now).
	Now time.Time
	// Grace: a checkpoint signed less than this before Now may still lack
	// its token (the anchorer retries; zero: one hour).
	Grace time.Duration
	// Skew is the clock difference tolerated between the server and the
	// TSA (zero: five minutes).
	Skew time.Duration
}

// Report is the outcome of Verify.
type Report struct {
	OK bool `json:"ok"`
	// Anchored checkpoints whose token verified.
	Anchored int `json:"anchored"`
	// Unanchored checkpoints older than the first anchored one (signed
	// before anchoring was configured).
	Unanchored int `json:"unanchored"`
	// Pending: recent checkpoints still waiting for their token.
	Pending int `json:"pending"`
	// LastTime is the newest verified token's time.
	LastTime *time.Time `json:"lastTime,omitempty"`
	// BrokenAt is the count of the first checkpoint that failed.
	BrokenAt uint64 `json:"brokenAt,omitempty"`
	Reason   Reason `json:"reason,omitempty"`
	Detail   string `json:"detail,omitempty"`
}

func (p Policy) withDefaults() Policy {
	if p.Now.IsZero() {
		p.Now = time.Now()
	}
	if p.Grace == 0 {
		p.Grace = time.Hour
	}
	if p.Skew == 0 {
		p.Skew = 5 * time.Minute
	}
	return p
}

// Verify checks the tokens of the checkpoints (in Count order). Every
// checkpoint from the first anchored one on must carry a valid token,
// except those signed less than Grace ago; if none is anchored while
// some checkpoint is older than Grace, the tokens were removed or never
// made: ReasonMissing.
func Verify(cps []chain.Checkpoint, tokens map[uint64][]byte, p Policy) Report {
	p = p.withDefaults()
	rep := Report{OK: true}
	var prev time.Time
	started := false
	for _, cp := range cps {
		tok, ok := tokens[cp.Count]
		recent := p.Now.Sub(cp.Time) < p.Grace
		switch {
		case !ok && recent:
			rep.Pending++
			continue
		case !ok && started:
			return rep.fail(cp.Count, ReasonMissing, "a checkpoint after the first anchored one has no time-stamp")
		case !ok:
			rep.Unanchored++
			continue
		}
		started = true
		t, reason, detail := checkToken(cp, tok, p)
		if reason == "" && t.Before(prev.Add(-p.Skew)) {
			reason, detail = ReasonTime, fmt.Sprintf("stamped at %s, before the previous checkpoint's stamp %s", t.Format(time.RFC3339), prev.Format(time.RFC3339))
		}
		if reason != "" {
			return rep.fail(cp.Count, reason, detail)
		}
		prev = t
		rep.Anchored++
		rep.LastTime = &t
	}
	if rep.Anchored == 0 && rep.Unanchored > 0 {
		return rep.fail(cps[0].Count, ReasonMissing, "no checkpoint carries a time-stamp")
	}
	return rep
}

// fail marks the report broken at count.
func (r Report) fail(count uint64, why Reason, detail string) Report {
	r.OK, r.BrokenAt, r.Reason, r.Detail = false, count, why, detail
	return r
}

// checkToken verifies one token against its checkpoint and returns the
// token's time, or the reason it fails.
func checkToken(cp chain.Checkpoint, tok []byte, p Policy) (time.Time, Reason, string) {
	ts, err := timestamp.Parse(tok)
	switch {
	case err != nil:
		return time.Time{}, ReasonInvalid, err.Error()
	case len(ts.Certificates) == 0:
		return time.Time{}, ReasonInvalid, "the token carries no TSA certificate"
	case !bytes.Equal(ts.HashedMessage, Imprint(cp, ts.HashAlgorithm)):
		return time.Time{}, ReasonMismatch, "the token stamps another digest than this checkpoint's"
	}
	p7, err := pkcs7.Parse(tok)
	if err != nil {
		return time.Time{}, ReasonInvalid, err.Error()
	}
	inter := x509.NewCertPool()
	for _, c := range p7.Certificates {
		inter.AddCert(c)
	}
	if err := p7.VerifyWithOpts(x509.VerifyOptions{Roots: p.Roots, Intermediates: inter, CurrentTime: ts.Time,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}); err != nil {
		return time.Time{}, ReasonUntrusted, err.Error()
	}
	if ts.Time.Before(cp.Time.Add(-p.Skew)) {
		return time.Time{}, ReasonTime, fmt.Sprintf("stamped at %s, before the checkpoint was signed (%s)",
			ts.Time.Format(time.RFC3339), cp.Time.Format(time.RFC3339))
	}
	return ts.Time, "", ""
}
