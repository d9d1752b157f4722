package passkeys

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/eventstore"
)

// List returns a person's passkeys in registration order.
func (s *Service) List(ctx context.Context, personID string) ([]authenticator.Passkey, error) {
	st, err := s.passkeys(ctx, personID)
	return st.Passkeys, err
}

// passkeys folds a person's passkey stream.
func (s *Service) passkeys(ctx context.Context, personID string) (authenticator.State, error) {
	st, _, err := app.Load(ctx, s.app, authenticator.NewDecider(), authenticator.Stream(personID))
	return st, err
}

// RenameInput renames one of the caller's passkeys.
type RenameInput struct {
	Caller    app.Caller
	Authed    sessions.Authed
	PasskeyID string
	Name      string
}

// Rename renames one of the caller's passkeys and returns it; another
// person's passkey is indistinguishable from an unknown one.
func (s *Service) Rename(ctx context.Context, in RenameInput) (authenticator.Passkey, error) {
	personID, now := in.Authed.User.ID, s.app.Now()
	out, err := app.Run(ctx, s.app, authenticator.NewDecider(), authenticator.Stream(personID),
		in.Caller.Meta(personID, now), personID, func(authenticator.State) authenticator.Command {
			return authenticator.Rename{PasskeyID: in.PasskeyID, Name: in.Name, At: now}
		})
	if err != nil {
		return authenticator.Passkey{}, err
	}
	p, ok := out.State.Find(in.PasskeyID)
	if !ok {
		return authenticator.Passkey{}, authenticator.ErrNotFound
	}
	return p, nil
}

// DeleteInput deletes one of the caller's passkeys.
type DeleteInput struct {
	Caller    app.Caller
	Authed    sessions.Authed
	PasskeyID string
}

// Delete removes one of the caller's passkeys on a fresh session (signed
// in within the fresh age, as for disabling two-factor) and releases its
// credential id.
func (s *Service) Delete(ctx context.Context, in DeleteInput) error {
	now := s.app.Now()
	if err := s.sessions.Fresh(in.Authed); err != nil {
		return err
	}
	personID, stream := in.Authed.User.ID, authenticator.Stream(in.Authed.User.ID)
	_, err := app.Handle(ctx, s.app, eventstore.Command[authenticator.State, authenticator.Command]{
		Decider: authenticator.NewDecider(), Stream: stream, Meta: in.Caller.Meta(personID, now), KeyRef: personID,
		Build: func(authenticator.State) (authenticator.Command, error) {
			return authenticator.Delete{PasskeyID: in.PasskeyID, At: now}, nil
		},
		With: func(st authenticator.State, _ []domain.Event) ([]eventstore.Change, error) {
			p, _ := st.Find(in.PasskeyID)
			return []eventstore.Change{{Stream: stream,
				Releases: []eventstore.Claim{s.app.Claim(claimCredential, p.CredentialID, stream)}}}, nil
		},
	})
	return err
}

// RemoveAllChange decides the removal of every passkey of the person and
// the release of their credential claims, for the caller to append with
// its own changes (a proven address ends what an unproven party could
// have registered). With no passkeys the change is empty.
func (s *Service) RemoveAllChange(ctx context.Context, personID string) (eventstore.Change, error) {
	st, ch, err := app.Decide(ctx, s.app, authenticator.NewDecider(), authenticator.Stream(personID),
		func(authenticator.State) authenticator.Command { return authenticator.DeleteAll{At: s.app.Now()} })
	if err != nil || len(ch.Events) == 0 {
		return ch, err
	}
	for _, p := range st.Passkeys {
		ch.Releases = append(ch.Releases, s.app.Claim(claimCredential, p.CredentialID, ch.Stream))
	}
	return ch, nil
}
