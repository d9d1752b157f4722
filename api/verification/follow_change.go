package verification

import (
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// Outcomes of a followed link.
const (
	OutcomeVerified = "verified" // the address is proven
	OutcomeApproved = "approved" // the current address approved a change; the new one got a link
	OutcomeChanged  = "changed"  // the address moved to the new, proven one
)

// followChange follows a change-email link: the approval link records
// and mails the new address's link; the new address's link moves the
// address, releasing the old email claim and taking the new one in the
// same append. Only the person it was mailed for may follow it while
// signed in (INVALID_USER otherwise).
func (s *Service) followChange(ctx context.Context, in VerifyInput, stream, hash string) (VerifyResult, error) {
	res := VerifyResult{PersonID: strings.TrimPrefix(stream, domain.PersonStreamPrefix)}
	if in.Authed != nil && in.Authed.User.ID != res.PersonID {
		return VerifyResult{}, person.ErrInvalidUser
	}
	nextMail, next, err := maillink.NewSecrets(s.app.Secret).New(s.app.Rand, maillink.PurposeChange)
	if err != nil {
		return VerifyResult{}, err
	}
	var st person.State
	err = s.app.Retry(func() error {
		now := s.app.Now()
		var ch eventstore.Change
		var err error
		unproven := false
		res.Revoked = 0
		st, ch, err = app.Decide(ctx, s.app, person.NewDecider(), stream, func(st person.State) person.Command {
			if st.ChangeStage == person.ChangeStageConfirm {
				return person.ConfirmEmailChange{TokenHash: hash, NextTokenHash: maillink.Hash(next),
					ExpiresAt: now.Add(s.cfg.TTL), At: now, MailID: nextMail, CallbackURL: s.callback(in.CallbackURL)}
			}
			unproven = !st.EmailVerified
			return person.ChangeEmail{TokenHash: hash, At: now}
		})
		if err != nil {
			return err
		}
		changes := []eventstore.Change{s.changeClaims(ch, st, hash, next)}
		if unproven { // the new address is the first one proven: see unproven
			if changes, res.Revoked, err = s.unproven(ctx, in.Authed, st, changes[0], person.ViaEmailChange); err != nil {
				return err
			}
		}
		_, err = s.app.Commit(ctx, in.Caller.Meta(res.PersonID, now), res.PersonID, changes...)
		return err
	})
	if errors.Is(err, eventstore.ErrClaimTaken) {
		return VerifyResult{}, domain.ErrUserAlreadyExists // someone took the new address meanwhile
	}
	if err != nil {
		return VerifyResult{}, err
	}
	if st.ChangeStage == person.ChangeStageConfirm {
		res.Outcome = OutcomeApproved // the outbox mailer mails the new address's link
		return res, nil
	}
	res.Outcome = OutcomeChanged
	if res.Revoked > 0 {
		s.notifyRevoked(ctx, res.PersonID, res.Revoked)
	}
	return res, nil
}

// changeClaims adds the claims of a followed change-email link to ch:
// the link's is released; an approval claims the next link, a change
// moves the email claim.
func (s *Service) changeClaims(ch eventstore.Change, st person.State, hash, next string) eventstore.Change {
	stream := ch.Stream
	ch.Releases = append(ch.Releases, s.app.Claim(changeClaimKind, hash, stream))
	if st.ChangeStage == person.ChangeStageConfirm {
		ch.Claims = append(ch.Claims, s.app.Claim(changeClaimKind, maillink.Hash(next), stream))
		return ch
	}
	ch.Releases = append(ch.Releases, s.app.Claim("email", st.Email, stream))
	ch.Claims = append(ch.Claims, s.app.Claim("email", st.ChangeTo, stream))
	return ch
}
