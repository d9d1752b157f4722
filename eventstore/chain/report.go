package chain

import "github.com/authledger/authledger/eventstore"

// Reason says why verification failed.
type Reason string

// Reasons Verify reports.
const (
	// ReasonChanged: a record's stored bytes differ from what was chained
	// (or its stored link was altered).
	ReasonChanged Reason = "record_changed"
	// ReasonMoved: a record holds the content chained at another (later)
	// position: records were swapped or reordered.
	ReasonMoved Reason = "record_moved"
	// ReasonDeleted: a chained record is missing from the log.
	ReasonDeleted Reason = "record_deleted"
	// ReasonUnlinked: a record inside the chained range has no link: it was
	// inserted, or its link was deleted.
	ReasonUnlinked Reason = "link_missing"
	// ReasonTruncated: the log ends before the chain or a checkpoint does.
	ReasonTruncated Reason = "log_truncated"
	// ReasonCheckpoint: a checkpoint disagrees with the recomputed chain
	// (the links were rewritten).
	ReasonCheckpoint Reason = "checkpoint_mismatch"
	// ReasonBadSignature: a checkpoint's signature does not verify.
	ReasonBadSignature Reason = "bad_signature"
)

// Report is the outcome of Verify. OK is false exactly when Reason is set;
// BrokenAt is then the first position found broken.
type Report struct {
	OK          bool                `json:"ok"`
	After       eventstore.Position `json:"after"`       // verified records after this position
	Last        eventstore.Position `json:"last"`        // last position verified intact
	Records     uint64              `json:"records"`     // records whose link was recomputed and matched
	Checkpoints int                 `json:"checkpoints"` // checkpoints whose signature, link and count matched
	// Unchained reports records after the chain's head in the range: the
	// Chainer has not linked them yet, so they are not verified.
	Unchained bool                `json:"unchained"`
	BrokenAt  eventstore.Position `json:"brokenAt"`
	Reason    Reason              `json:"reason,omitempty"`
	Detail    string              `json:"detail,omitempty"`
}

// broken records the first failure.
func (r *Report) broken(pos eventstore.Position, why Reason, detail string) {
	r.OK, r.BrokenAt, r.Reason, r.Detail = false, pos, why, detail
}
