package social

import (
	"context"

	"github.com/authledger/authledger/api/proof"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// proven completes pc, the person's change linking accountID (decided on
// st), when a trusted provider's verified email is the first proof of the
// person's address (the classic–federated merge of account pre-hijacking):
// the address becomes verified and everything added while it was unproven
// goes in the same append: the password (whoever set it did not prove the
// address; the owner can set one with a reset link), every passkey, the
// second factor and its trusted devices, every other linked account and
// every session. The session the sign-in opens stays. It returns the
// person's change and the other changes.
func (s *Service) proven(ctx context.Context, st person.State, pc eventstore.Change, accountID string) ([]eventstore.Change, error) {
	if !proof.Needed(st) {
		return []eventstore.Change{pc}, nil
	}
	after := st
	for _, ev := range pc.Events {
		after = person.Evolve(after, ev)
	}
	evs, err := person.Decide(after, person.ProveEmail{Via: person.ViaProvider, At: s.app.Now()})
	if err != nil {
		return nil, err
	}
	pc.Events = append(pc.Events, evs...)
	ch, _, err := s.proof.Changes(ctx, st, pc, proof.Proof{Via: person.ViaProvider, Reason: session.ReasonEmailVerified,
		KeepAccounts: []string{accountID}})
	return ch, err
}
