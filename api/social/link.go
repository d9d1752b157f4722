package social

import (
	"context"
	"errors"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/eventstore"
)

// LinkSocialInput is link-social: the signed-in caller, the provider and
// where the browser goes afterwards (already checked against the trusted
// origins).
type LinkSocialInput struct {
	Caller           app.Caller
	Authed           sessions.Authed
	ProviderID       string
	CallbackURL      string
	ErrorCallbackURL string
	// Scopes are asked for besides the provider's configured ones.
	Scopes []string
}

// LinkSocial starts a flow that links the provider's account to the
// caller: the flow records the person, so its callback links explicitly
// (no email match needed) and opens no session.
func (s *Service) LinkSocial(ctx context.Context, in LinkSocialInput) (StartResult, error) {
	return s.Start(ctx, StartInput{Caller: in.Caller, ProviderID: in.ProviderID, CallbackURL: in.CallbackURL,
		ErrorCallbackURL: in.ErrorCallbackURL, LinkPersonID: in.Authed.User.ID, Scopes: in.Scopes})
}

// errLinkedElsewhere is the refusal of a provider account that belongs to
// another person.
const errLinkedElsewhere = "account_already_linked_to_different_user"

// linkTo ends a link flow: the provider's account becomes the flow's
// person's (account.created and person.account_linked, claimed), or is
// already theirs; another person's account is refused.
func (s *Service) linkTo(ctx context.Context, f flow, id identity) (CallbackResult, error) {
	var refused string
	err := s.app.Retry(func() error {
		o, err := s.linkOutcome(ctx, f, id)
		if err != nil || o.refused != "" {
			refused = o.refused
			return err
		}
		now := s.app.Now()
		_, end, err := app.Decide(ctx, s.app, social.NewDecider(), f.stream, func(social.State) social.Command {
			return social.Complete{StateHash: hashState(f.state), PersonID: o.personID, AccountID: o.accountID,
				Linked: true, At: now}
		})
		if err != nil {
			return err
		}
		changes, err := s.withTokens(ctx, o, f.tokens)
		if err != nil {
			return err
		}
		_, err = s.app.Commit(ctx, f.caller.Meta(o.personID, now), o.personID, append(changes, end)...)
		return err
	})
	switch {
	case errors.Is(err, eventstore.ErrClaimTaken):
		return s.refuse(ctx, f, errLinkedElsewhere, f.LinkPersonID)
	case err != nil:
		return CallbackResult{}, err
	case refused != "":
		return s.refuse(ctx, f, refused, f.LinkPersonID)
	}
	return CallbackResult{PersonID: f.LinkPersonID, Redirect: f.CallbackURL}, nil
}

// linkOutcome is what linking the identity to the flow's person takes.
func (s *Service) linkOutcome(ctx context.Context, f flow, id identity) (outcome, error) {
	owner, err := s.app.Owner(ctx, "account", account.ExternalKey(f.ProviderID, id.Subject))
	if err == nil {
		a, _, err := app.Load(ctx, s.app, account.NewDecider(), owner)
		if err != nil || !a.Exists {
			return outcome{}, errors.Join(err, domain.ErrUnavailable)
		}
		if a.PersonID != f.LinkPersonID {
			return outcome{refused: errLinkedElsewhere}, nil
		}
		return outcome{personID: a.PersonID, accountID: a.ID}, nil // already linked
	}
	if !errors.Is(err, eventstore.ErrClaimNotFound) {
		return outcome{}, err
	}
	o, err := s.ifAllowed(ctx, outcome{personID: f.LinkPersonID, linked: true})
	if err != nil || o.refused != "" {
		return o, err
	}
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return outcome{}, err
	}
	o.accountID = ids[0]
	c, err := s.externalAccount(f, id, o.personID, o.accountID, true)
	if err != nil {
		return outcome{}, err
	}
	_, pc, err := app.Decide(ctx, s.app, person.NewDecider(), domain.PersonStream(o.personID), func(person.State) person.Command {
		return linkAccount(f, id, o.accountID, s.app.Now())
	})
	o.changes = []eventstore.Change{c, pc}
	return o, err
}
