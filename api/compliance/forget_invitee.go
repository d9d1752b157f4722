package compliance

import (
	"context"
	"errors"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// CodeAddressHasAccount: forget --email names the address of a person
// who is not erased; erase the person instead (which erases the address
// from invitations too).
const CodeAddressHasAccount domain.Code = "ADDRESS_HAS_ACCOUNT"

// ForgetEmailInput names an invited address to erase.
type ForgetEmailInput struct {
	Caller app.Caller
	Actor  string
	Email  string
}

// ForgetEmail erases an address from every organization invitation by
// destroying the address's invitee key, for someone who was invited but
// never signed up (or whose account is already erased). An address that
// belongs to a person answers CodeAddressHasAccount: forget the person. It
// appends nothing, so no trace of the address is written; running it
// again is harmless.
func (s *Service) ForgetEmail(ctx context.Context, in ForgetEmailInput) error {
	addr, err := email.Canonicalize(in.Email)
	if err != nil {
		return err
	}
	switch _, err := s.app.Owner(ctx, "email", addr); {
	case err == nil:
		return domain.Errorf(CodeAddressHasAccount, "this address belongs to an account: forget the person instead")
	case !errors.Is(err, eventstore.ErrClaimNotFound):
		return err
	}
	if err := s.app.Keys.Forget(ctx, s.app.InviteeKey(addr)); err != nil {
		return err
	}
	s.erased()
	return nil
}

// forgetAddresses destroys the invitee key of every address the person
// ever held (sign-up, changes, requested changes), read from their stream
// while their own key still opens it.
func (s *Service) forgetAddresses(ctx context.Context, personID string) error {
	recs, err := s.app.Store.ReadStream(ctx, domain.PersonStream(personID), 0)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, rec := range recs {
		ev, _, err := s.app.Codec.Decode(ctx, rec)
		if err != nil {
			return err
		}
		for _, a := range addressesIn(ev) {
			if c, err := email.Canonicalize(a); err == nil && !seen[c] {
				seen[c] = true
				if err := s.app.Keys.Forget(ctx, s.app.InviteeKey(c)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// addressesIn returns the email addresses a person event carries.
func addressesIn(ev domain.Event) []string {
	switch e := ev.(type) {
	case person.SignedUp:
		return []string{e.Email}
	case person.EmailChangeRequested:
		return []string{e.Email, e.NewEmail}
	case person.EmailChanged:
		return []string{e.OldEmail, e.NewEmail}
	}
	return nil
}

// erased tells the wired listener that data keys were destroyed.
func (s *Service) erased() {
	if s.deps.Erased != nil {
		s.deps.Erased()
	}
}
