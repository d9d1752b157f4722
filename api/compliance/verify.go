package compliance

import (
	"context"
	"net/url"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

// VerifyInput asks to verify the hash chain over (From, To] — zero From
// from the first record, zero To up to the chain's head — against the
// stored checkpoints and Checkpoints (an exported copy kept elsewhere).
type VerifyInput struct {
	Reader      Reader
	From, To    eventstore.Position
	Checkpoints []chain.Checkpoint
	// Forensic verifies without recording the read: the CLI checks
	// stopped stores and copies and never writes to the log it examines.
	Forensic bool
}

// Verify records the read (unless forensic) and recomputes the chain.
// Tampering is reported in the Report (OK false, BrokenAt, Reason), not
// as an error.
func (s *Service) Verify(ctx context.Context, in VerifyInput) (chain.Report, error) {
	if s.deps.Verifier == nil {
		return chain.Report{}, errNoChain
	}
	if !in.Forensic {
		q := url.Values{}
		for k, p := range map[string]eventstore.Position{"from": in.From, "to": in.To} {
			if !p.IsZero() {
				q.Set(k, p.String())
			}
		}
		if err := s.recordRead(ctx, in.Reader, q.Encode(), false); err != nil {
			return chain.Report{}, err
		}
	}
	return s.deps.Verifier.VerifyChain(ctx, in.From, in.To, in.Checkpoints...)
}

// CheckpointsInput asks for the signed checkpoints.
type CheckpointsInput struct {
	Reader   Reader
	Forensic bool // export without recording the read (the CLI)
}

// CheckpointExport is the exported form of the signed checkpoints: kept
// outside the database, it lets a later Verify catch a wholesale rewrite
// of the records, the links and the stored checkpoints.
type CheckpointExport struct {
	PublicKey   string             `json:"publicKey"` // PEM (PKIX)
	Checkpoints []chain.Checkpoint `json:"checkpoints"`
}

// Checkpoints records the read (unless forensic) and returns every stored
// checkpoint with the public key that verifies them.
func (s *Service) Checkpoints(ctx context.Context, in CheckpointsInput) (CheckpointExport, error) {
	if s.deps.Checkpoints == nil || s.deps.ChainKey == nil {
		return CheckpointExport{}, errNoChain
	}
	if !in.Forensic {
		if err := s.recordRead(ctx, in.Reader, "checkpoints", false); err != nil {
			return CheckpointExport{}, err
		}
	}
	cps, err := s.deps.Checkpoints.Checkpoints(ctx)
	if err != nil {
		return CheckpointExport{}, err
	}
	pem, err := chain.MarshalPublicKey(s.deps.ChainKey)
	if err != nil {
		return CheckpointExport{}, err
	}
	if cps == nil {
		cps = []chain.Checkpoint{}
	}
	return CheckpointExport{PublicKey: string(pem), Checkpoints: cps}, nil
}
