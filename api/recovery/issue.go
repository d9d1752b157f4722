package recovery

import (
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// issue records a new token for the credential account of j's address
// (a set-password token when the person has none, see setpassword.go);
// the outbox mailer mails its link after the commit (the token is derived
// from the event's mail id, see api/maillink).
func (s *Service) issue(ctx context.Context, j job) error {
	owner, err := s.app.Owner(ctx, "email", j.addr)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	personID := strings.TrimPrefix(owner, domain.PersonStreamPrefix)
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), owner)
	if err != nil || !p.Exists {
		return err
	}
	mailID, token, err := maillink.NewSecrets(s.app.Secret).New(s.app.Rand, maillink.PurposeReset)
	if err != nil {
		return err
	}
	j.meta.Actor = personID
	if s.cfg.Mailer == nil {
		s.app.Logger.Warn("password reset link undeliverable: no mail configured", "person", personID)
	}
	return s.record(ctx, j.meta, p, token, mailID, j.redirectTo)
}

// record appends the token's hash and claims it, releasing the claim of
// the token it supersedes.
func (s *Service) record(ctx context.Context, meta domain.Metadata, p person.State, token, mailID, redirectTo string) error {
	accountID, set := credentialAccount(p)
	hash, stream, now := account.HashResetToken(token), account.Stream(accountID), s.app.Now()
	meta.OccurredAt = now
	_, err := app.Handle(ctx, s.app, eventstore.Command[account.State, account.Command]{
		Decider: account.NewDecider(), Stream: stream, Meta: meta, KeyRef: meta.Actor,
		Build: func(account.State) (account.Command, error) {
			return resetCommand(p.ID, accountID, set, hash, now, now.Add(s.cfg.TTL), mailID, redirectTo), nil
		},
		With: func(st account.State, _ []domain.Event) ([]eventstore.Change, error) {
			ch := eventstore.Change{Stream: stream, Claims: []eventstore.Claim{s.app.Claim(claimKind, hash, stream)}}
			if st.ResetTokenHash != "" {
				ch.Releases = []eventstore.Claim{s.app.Claim(claimKind, st.ResetTokenHash, stream)}
			}
			return []eventstore.Change{ch}, nil
		},
	})
	return err
}
