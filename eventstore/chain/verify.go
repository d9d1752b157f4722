package chain

import (
	"cmp"
	"context"
	"crypto/ed25519"
	"fmt"
	"slices"

	"github.com/authledger/authledger/eventstore"
)

// Verify recomputes the chain over the records of es after position after
// (zero: from the first record) up to and including to (zero: the chain's
// head) and compares every link with cs and every checkpoint — stored in cs
// or passed as extra, e.g. an exported copy — with the recomputed chain and
// pub. Tampering is reported in the Report (OK false, BrokenAt, Reason);
// the error is for failures to read (or an after without a stored link).
//
// A range that starts after a position trusts the stored link there;
// verify from zero to check everything. Records the Chainer has not linked
// yet are not verified (Report.Unchained).
func Verify(ctx context.Context, es eventstore.Store, cs Store, pub ed25519.PublicKey,
	after, to eventstore.Position, extra ...Checkpoint) (Report, error) {
	return VerifyRetired(ctx, es, cs, pub, nil, after, to, extra...)
}

// VerifyRetired is Verify that also accepts checkpoints signed with a
// retired key, each up to the time it was retired (see RetiredKey).
func VerifyRetired(ctx context.Context, es eventstore.Store, cs Store, pub ed25519.PublicKey, retired []RetiredKey,
	after, to eventstore.Position, extra ...Checkpoint) (Report, error) {
	if len(pub) != ed25519.PublicKeySize {
		return Report{}, fmt.Errorf("%w: public key has %d bytes", ErrNoKey, len(pub))
	}
	v := &verifier{cs: cs, pub: pub, retired: retired, to: to, recs: recordCursor(es, after, to), links: linkCursor(cs, after, to),
		rep: Report{OK: true, After: after, Last: after}}
	if !after.IsZero() {
		anchor, err := cs.LinkAt(ctx, after)
		if err != nil {
			return Report{}, fmt.Errorf("chain: verify after %s: %w", after, err)
		}
		v.prev = anchor
	}
	if err := v.loadCheckpoints(ctx, extra); err != nil {
		return Report{}, err
	}
	if err := v.walk(ctx); err != nil {
		return Report{}, fmt.Errorf("chain: verify: %w", err)
	}
	if v.rep.OK {
		v.checkRemaining()
	}
	return v.rep, nil
}

// verifier is the state of one Verify call.
type verifier struct {
	cs  Store
	pub ed25519.PublicKey
	// retired are the keys that signed earlier checkpoints.
	retired []RetiredKey
	to      eventstore.Position
	recs    *cursor[eventstore.Record]
	links   *cursor[Link]
	cps     []Checkpoint // in the range and not yet reached, in Count order
	prev    Link         // recomputed link of the last verified record
	h       Hasher
	rep     Report
}

// loadCheckpoints keeps the checkpoints the range covers, in Count order.
func (v *verifier) loadCheckpoints(ctx context.Context, extra []Checkpoint) error {
	stored, err := v.cs.Checkpoints(ctx)
	if err != nil {
		return fmt.Errorf("chain: verify: read checkpoints: %w", err)
	}
	for _, cp := range append(stored, extra...) {
		if cp.Count > v.prev.Seq && (v.to.IsZero() || !v.to.Less(cp.Position)) {
			v.cps = append(v.cps, cp)
		}
	}
	slices.SortStableFunc(v.cps, func(a, b Checkpoint) int { return cmp.Compare(a.Count, b.Count) })
	return nil
}

// walk merges records and links in position order until the chain ends or
// the first break.
func (v *verifier) walk(ctx context.Context) error {
	for {
		l, lok, err := v.links.peek(ctx)
		if err != nil {
			return err
		}
		r, rok, err := v.recs.peek(ctx)
		if err != nil {
			return err
		}
		switch {
		case !lok:
			v.rep.Unchained = rok
			return nil
		case !rok:
			v.rep.broken(l.Position, ReasonTruncated, fmt.Sprintf("the log ends after %s but link %d is at %s", v.rep.Last, l.Seq, l.Position))
			return nil
		case l.Position.Less(r.Position):
			v.rep.broken(l.Position, ReasonDeleted, fmt.Sprintf("link %d has no record at %s", l.Seq, l.Position))
			return nil
		case r.Position.Less(l.Position):
			v.rep.broken(r.Position, ReasonUnlinked, fmt.Sprintf("the record at %s has no link", r.Position))
			return nil
		}
		v.links.advance()
		v.recs.advance()
		if ok, err := v.check(ctx, r, l); !ok || err != nil {
			return err
		}
	}
}

// check verifies one record against its stored link and any checkpoint at
// it; ok is false at a break.
func (v *verifier) check(ctx context.Context, r eventstore.Record, l Link) (ok bool, err error) {
	seq := v.prev.Seq + 1
	if l.Seq != seq {
		v.rep.broken(r.Position, ReasonDeleted, fmt.Sprintf("the link at %s is numbered %d, want %d: earlier links were removed", r.Position, l.Seq, seq))
		return false, nil
	}
	h := v.h.Next(v.prev.Hash, r)
	if h != l.Hash {
		return false, v.mismatch(ctx, r, l)
	}
	v.prev = Link{Seq: seq, Position: r.Position, Hash: h}
	v.rep.Records++
	v.rep.Last = r.Position
	return v.checkpointsAt(v.prev), nil
}

// checkpointsAt checks the checkpoints for link's Count; false at a break.
func (v *verifier) checkpointsAt(link Link) bool {
	for len(v.cps) > 0 && v.cps[0].Count <= link.Seq {
		cp := v.cps[0]
		v.cps = v.cps[1:]
		if !v.valid(cp) {
			v.rep.broken(cp.Position, ReasonBadSignature, fmt.Sprintf("checkpoint %d at %s: signature does not verify", cp.Count, cp.Position))
			return false
		}
		if cp.Position != link.Position || cp.Hash != link.Hash {
			v.rep.broken(link.Position, ReasonCheckpoint, fmt.Sprintf("checkpoint %d signed link %s at %s, the records give %s at %s",
				cp.Count, cp.Hash, cp.Position, link.Hash, link.Position))
			return false
		}
		v.rep.Checkpoints++
	}
	return true
}

// checkRemaining reports checkpoints past the verified chain: forged, or
// the log and chain were cut off before them.
func (v *verifier) checkRemaining() {
	if len(v.cps) == 0 {
		return
	}
	cp := v.cps[0]
	if !v.valid(cp) {
		v.rep.broken(cp.Position, ReasonBadSignature, fmt.Sprintf("checkpoint %d at %s: signature does not verify", cp.Count, cp.Position))
		return
	}
	v.rep.broken(cp.Position, ReasonTruncated, fmt.Sprintf("checkpoint %d covers %d links up to %s, the chain ends after %d links at %s",
		cp.Count, cp.Count, cp.Position, v.prev.Seq, v.rep.Last))
}
