package social

import (
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/eventstore"
)

// outcome is who a verified identity signs in as, and the changes besides
// the session and the flow's end that make it so.
type outcome struct {
	personID, accountID string
	newUser, linked     bool
	changes             []eventstore.Change
	refused             string // a reason instead of a sign-in
}

// signIn resolves the identity to a person and appends, in one commit,
// what that takes, a session and the flow's end. A concurrent callback of
// the same flow loses the race on the flow's stream and is refused.
func (s *Service) signIn(ctx context.Context, f flow, id identity) (CallbackResult, error) {
	var res CallbackResult
	err := s.app.Retry(func() error {
		o, err := s.resolve(ctx, f, id)
		if err == nil && o.refused == "" {
			o, err = s.beforeHook(ctx, f, id, o) // the operator's before-hook may refuse
		}
		if err != nil || o.refused != "" {
			res.Error, res.PersonID = o.refused, o.personID
			return err
		}
		res, err = s.commit(ctx, f, o)
		return err
	})
	var de *domain.Error
	switch {
	case errors.Is(err, eventstore.ErrClaimTaken):
		return s.refuse(ctx, f, "unable_to_create_user", "")
	case errors.As(err, &de) && de.Code == social.CodeStateMismatch:
		return CallbackResult{Error: "state_mismatch", ErrorURL: f.ErrorCallbackURL}, nil
	case err != nil:
		return CallbackResult{}, err
	case res.Error != "":
		return s.refuse(ctx, f, res.Error, res.PersonID)
	}
	return res, nil
}

// commit appends the outcome with a new session and the flow's end.
func (s *Service) commit(ctx context.Context, f flow, o outcome) (CallbackResult, error) {
	now := s.app.Now()
	opened, err := s.sessions.Open(f.caller, o.personID, true, now)
	if err != nil {
		return CallbackResult{}, err
	}
	_, end, err := app.Decide(ctx, s.app, social.NewDecider(), f.stream, func(social.State) social.Command {
		return social.Complete{StateHash: hashState(f.state), PersonID: o.personID, AccountID: o.accountID,
			SessionID: opened.ID, NewUser: o.newUser, Linked: o.linked, At: now}
	})
	if err != nil {
		return CallbackResult{}, err
	}
	if err := s.app.Keys.Ensure(ctx, o.personID); err != nil {
		return CallbackResult{}, err
	}
	changes, err := s.withTokens(ctx, o, f.tokens)
	if err != nil {
		return CallbackResult{}, err
	}
	if !touches(changes, domain.PersonStream(o.personID)) { // else the next sign-in lifts it
		lift, ok, err := s.sessions.LiftExpiredBan(ctx, o.personID, now)
		if err != nil {
			return CallbackResult{}, err
		}
		if ok {
			changes = append(changes, lift)
		}
	}
	changes = append(changes, opened.Change, end)
	if _, err := s.app.Commit(ctx, f.caller.Meta(o.personID, now), o.personID, changes...); err != nil {
		return CallbackResult{}, err
	}
	redirect := f.CallbackURL
	if o.newUser && f.NewUserCallbackURL != "" {
		redirect = f.NewUserCallbackURL
	}
	return CallbackResult{PersonID: o.personID, Token: opened.Token, Redirect: redirect}, nil
}

// resolve finds the person: the known external account's, a new person,
// or an existing person with the same email when linking is allowed.
func (s *Service) resolve(ctx context.Context, f flow, id identity) (outcome, error) {
	owner, err := s.app.Owner(ctx, "account", account.ExternalKey(f.ProviderID, id.Subject))
	if err == nil {
		return s.known(ctx, strings.TrimPrefix(owner, "account-"))
	}
	if !errors.Is(err, eventstore.ErrClaimNotFound) {
		return outcome{}, err
	}
	addr, err := email.Canonicalize(id.Email)
	if err != nil {
		return outcome{refused: "email_not_found"}, nil
	}
	owner, err = s.app.Owner(ctx, "email", addr)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return s.signUp(f, id, addr)
	}
	if err != nil {
		return outcome{}, err
	}
	return s.link(ctx, f, id, strings.TrimPrefix(owner, domain.PersonStreamPrefix))
}

// known signs in through an existing external account.
func (s *Service) known(ctx context.Context, accountID string) (outcome, error) {
	a, _, err := app.Load(ctx, s.app, account.NewDecider(), account.Stream(accountID))
	if err != nil || !a.Exists {
		return outcome{}, errors.Join(err, domain.ErrUnavailable)
	}
	return s.ifAllowed(ctx, outcome{personID: a.PersonID, accountID: accountID})
}

// ifAllowed refuses a banned person (banned) and an erased one
// (user_not_found: an erased person's account signs in no one).
func (s *Service) ifAllowed(ctx context.Context, o outcome) (outcome, error) {
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(o.personID))
	switch {
	case err != nil:
		return outcome{}, err
	case !p.Exists:
		return outcome{refused: "user_not_found"}, nil
	case p.BannedAt(s.app.Now()): // an expired ban no longer holds (commit lifts it)
		return outcome{refused: "banned", personID: o.personID}, nil
	}
	return o, nil
}

// touches reports whether one of changes appends to stream.
func touches(changes []eventstore.Change, stream string) bool {
	for _, c := range changes {
		if c.Stream == stream {
			return true
		}
	}
	return false
}
