package social

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/app"

	"github.com/authledger/authledger/domain/email"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// signUp creates a person without a password, with the external account,
// claiming the email and the (provider, subject) pair.
func (s *Service) signUp(f flow, id identity, addr string) (outcome, error) {
	ids, err := s.app.NewIDs(2)
	if err != nil {
		return outcome{}, err
	}
	personID, accountID, now := ids[0], ids[1], s.app.Now()
	pEvs, err := person.Decide(person.State{}, person.SignUp{PersonID: personID, Email: addr, Name: nameOf(id, addr),
		Image: domain.SanitizeImageURL(id.Picture), EmailVerified: id.Verified, At: now})
	if err != nil {
		return outcome{}, err
	}
	linked, err := person.Decide(person.NewDecider().Fold(pEvs), linkAccount(f, id, accountID, now))
	if err != nil {
		return outcome{}, err
	}
	pEvs = append(pEvs, linked...)
	aChange, err := s.externalAccount(f, id, personID, accountID, false)
	if err != nil {
		return outcome{}, err
	}
	stream := domain.PersonStream(personID)
	pChange := eventstore.Change{Stream: stream, Expected: eventstore.NoStream, Events: pEvs,
		Claims: []eventstore.Claim{s.app.Claim("email", addr, stream)}}
	return outcome{personID: personID, accountID: accountID, newUser: true,
		changes: []eventstore.Change{pChange, aChange}}, nil
}

// link adds the external account to the existing person personID: only a
// trusted provider vouching for the email (email_verified) may do that;
// otherwise the sign-in is refused with account_not_linked. A person whose
// address was never proven gets it proven by the provider, and loses what
// was added before (see proven).
func (s *Service) link(ctx context.Context, f flow, id identity, personID string) (outcome, error) {
	p, ok := s.provider(f.ProviderID)
	if !ok || !p.Trusted || !id.Verified {
		return outcome{refused: "account_not_linked", personID: personID}, nil
	}
	o, err := s.ifAllowed(ctx, outcome{personID: personID, linked: true})
	if err != nil || o.refused != "" {
		return o, err
	}
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return outcome{}, err
	}
	o.accountID = ids[0]
	c, err := s.externalAccount(f, id, personID, o.accountID, true)
	if err != nil {
		return outcome{}, err
	}
	st, pc, err := app.Decide(ctx, s.app, person.NewDecider(), domain.PersonStream(personID), func(person.State) person.Command {
		return linkAccount(f, id, o.accountID, s.app.Now())
	})
	if err != nil {
		return o, err
	}
	more, err := s.proven(ctx, st, pc, o.accountID)
	o.changes = append([]eventstore.Change{c}, more...)
	return o, err
}

// linkAccount records the external account on its person's stream, so the
// person's accounts are listed from that stream alone.
func linkAccount(f flow, id identity, accountID string, at time.Time) person.LinkAccount {
	return person.LinkAccount{AccountID: accountID, ProviderID: f.ProviderID, Subject: id.Subject, At: at}
}

// externalAccount decides the account of the provider's subject, claimed
// so it can never belong to two people.
func (s *Service) externalAccount(f flow, id identity, personID, accountID string, linked bool) (eventstore.Change, error) {
	evs, err := account.Decide(account.State{}, account.Create{AccountID: accountID, PersonID: personID,
		ProviderID: f.ProviderID, Subject: id.Subject, Linked: linked, At: s.app.Now()})
	if err != nil {
		return eventstore.Change{}, err
	}
	stream := account.Stream(accountID)
	return eventstore.Change{Stream: stream, Expected: eventstore.NoStream, Events: evs,
		Claims: []eventstore.Claim{s.app.Claim("account", account.ExternalKey(f.ProviderID, id.Subject), stream)}}, nil
}

// nameOf is the new person's name: the provider's, cleaned by
// domain.SanitizeName (a provider's name is untrusted but never a reason
// to refuse a sign-in), else the email's local part (a person always has
// a name).
func nameOf(id identity, addr string) string {
	if n := domain.SanitizeName(id.Name); n != "" {
		return n
	}
	return domain.SanitizeName(email.LocalPart(addr))
}
