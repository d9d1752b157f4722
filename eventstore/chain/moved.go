package chain

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/eventstore"
)

// mismatch reports record r, which does not hash to its link l. If r's
// content is what was chained at a later position, the records were
// swapped or reordered (ReasonMoved); otherwise it was changed. The search
// walks the stored links after l within the range: each is the hash of its
// stored predecessor and the record chained there.
func (v *verifier) mismatch(ctx context.Context, r eventstore.Record, l Link) error {
	prev, after := l.Hash, l.Position
	for {
		links, err := v.cs.ReadLinks(ctx, after, verifyBatch)
		if err != nil {
			return err
		}
		for _, k := range links {
			if !v.to.IsZero() && v.to.Less(k.Position) {
				break
			}
			moved := r
			moved.Position = k.Position
			if v.h.Next(prev, moved) == k.Hash {
				v.rep.broken(r.Position, ReasonMoved, fmt.Sprintf("the record at %s holds the content chained at %s", r.Position, k.Position))
				return nil
			}
			prev = k.Hash
		}
		if len(links) == 0 || (!v.to.IsZero() && v.to.Less(links[len(links)-1].Position)) {
			break
		}
		after = links[len(links)-1].Position
	}
	v.rep.broken(r.Position, ReasonChanged, fmt.Sprintf("the record at %s does not hash to its link %d", r.Position, l.Seq))
	return nil
}
