package projections

import (
	"context"

	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/ontology"
)

// eraseSubject drops every row about an erased person: things owned,
// connections from or to it, facts (and the people row, already gone).
// The events dimension keeps its rows: they hold only ids, types and
// times. The people projector deletes only its own row, because it runs
// before things, connections and knowledge in a batch, and those must
// still find the person's sessions when the revocations that come with
// the erasure are applied.
func eraseSubject(ctx context.Context, w ontology.Writer, e person.Erased) error {
	return w.DeleteSubject(ctx, e.PersonID)
}
