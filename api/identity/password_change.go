package identity

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// ChangePasswordInput changes the caller's password; with
// RevokeOtherSessions every session ends and a fresh one is opened.
type ChangePasswordInput struct {
	SessionInput
	Current             string
	New                 string
	RevokeOtherSessions bool
}

// PasswordChanged is the outcome of a password change: the token of the
// fresh session when sessions were revoked ("" otherwise), and the person
// as the session index now knows them.
type PasswordChanged struct {
	Token string
	User  sessionindex.User
}

// ChangePassword verifies the current password, stores a hash of the new
// one (checked against the policy) and, when asked, revokes every session
// and opens a fresh one in the same append (a new token: the old cookie
// stops working everywhere). A wrong current password is recorded.
func (s *Service) ChangePassword(ctx context.Context, in ChangePasswordInput) (PasswordChanged, error) {
	u := in.Session.User
	if err := s.passwords.CheckMax(in.Current); err != nil {
		return PasswordChanged{}, err
	}
	if err := s.cfg.PasswordPolicy.Check(in.New, email.LocalPart(u.Email), u.Name); err != nil {
		return PasswordChanged{}, err
	}
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(u.ID))
	if err != nil {
		return PasswordChanged{}, err
	}
	if p.CredentialAccountID == "" {
		return PasswordChanged{}, domain.Errorf(domain.CodeBadRequest, "Credential account not found")
	}
	newHash, err := s.app.Hasher.Hash(ctx, in.New)
	if err != nil {
		return PasswordChanged{}, err
	}
	var out PasswordChanged
	err = s.app.Retry(func() error {
		tok, err := s.applyPasswordChange(ctx, in, p.CredentialAccountID, newHash)
		out.Token = tok
		return err
	})
	if err != nil {
		return PasswordChanged{}, err
	}
	out.User, _ = s.sessions.User(u.ID)
	return out, nil
}

// applyPasswordChange is one attempt: check the current password against
// the account, decide, and append (with the session rotation when asked).
func (s *Service) applyPasswordChange(ctx context.Context, in ChangePasswordInput, accountID, newHash string) (string, error) {
	personID, now := in.Session.User.ID, s.app.Now()
	_, ch, derr := app.DecideChecked(ctx, s.app, account.NewDecider(), account.Stream(accountID),
		func(st account.State) (account.Command, error) {
			ok, _, err := s.app.Hasher.Verify(ctx, in.Current, st.PasswordHash)
			return account.ChangePassword{CurrentOK: ok, NewHash: newHash,
				RevokeOtherSessions: in.RevokeOtherSessions, At: now}, err
		})
	changes := []eventstore.Change{ch}
	var tok string
	if derr == nil && in.RevokeOtherSessions {
		more, o, err := s.sessions.Reissue(ctx, in.Caller, personID, session.ReasonPasswordChanged,
			s.sessions.All(personID), true, now)
		if err != nil {
			return "", err
		}
		changes, tok = append(changes, more...), o.Token
	}
	if _, err := s.app.Commit(ctx, in.Caller.Meta(personID, now), personID, changes...); err != nil {
		return "", err
	}
	return tok, derr
}
