package recovery

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// issue records a new token for the credential account of j's address
// (a set-password token when the person has none, see setpassword.go) and
// mails its link to the stored address.
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
	token, err := maillink.NewToken(s.app.Rand)
	if err != nil {
		return err
	}
	j.meta.Actor = personID
	if err := s.record(ctx, j.meta, p, token); err != nil {
		return err
	}
	return s.deliver(ctx, personID, p.Email, s.link(token, j.redirectTo))
}

// record appends the token's hash and claims it, releasing the claim of
// the token it supersedes.
func (s *Service) record(ctx context.Context, meta domain.Metadata, p person.State, token string) error {
	accountID, set := credentialAccount(p)
	hash, stream, now := account.HashResetToken(token), account.Stream(accountID), s.app.Now()
	meta.OccurredAt = now
	_, err := app.Handle(ctx, s.app, eventstore.Command[account.State, account.Command]{
		Decider: account.NewDecider(), Stream: stream, Meta: meta, KeyRef: meta.Actor,
		Build: func(account.State) (account.Command, error) {
			return resetCommand(p.ID, accountID, set, hash, now, now.Add(s.cfg.TTL)), nil
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

// link is built from the configured base URL only.
func (s *Service) link(token, redirectTo string) string {
	return strings.TrimRight(s.cfg.BaseURL, "/") + "/api/auth/reset-password/" + url.PathEscape(token) +
		"?callbackURL=" + url.QueryEscape(redirectTo)
}

// deliver sends the link. Logs name the person, never the address, the
// token or the link.
func (s *Service) deliver(ctx context.Context, personID, to, link string) error {
	if s.cfg.Mailer == nil {
		s.app.Logger.Warn("password reset link undeliverable: no mail configured", "person", personID)
		return nil
	}
	m := mail.Message{To: to, Subject: s.cfg.Subject, Text: "Reset your password with this link " +
		"(valid for " + s.cfg.TTL.String() + ", usable once):\n\n" + link +
		"\n\nIf you did not ask for this, ignore this email.\n"}
	if err := s.cfg.Mailer.Send(ctx, m); err != nil {
		return fmt.Errorf("password reset email for person %s: %w", personID, err)
	}
	return nil
}
