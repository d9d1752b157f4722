package verification

import (
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// maxTokenLen bounds what is hashed and looked up.
const maxTokenLen = 256

// VerifyInput is a click on an emailed link. Authed is the caller's
// session (nil without one).
type VerifyInput struct {
	Caller app.Caller
	Authed *sessions.Authed
	Token  string
	// CallbackURL is where the next link of a change-email approval
	// sends the browser.
	CallbackURL string
}

// VerifyResult is a followed link: the person, what it did (Outcome*),
// and the token of the session opened for them (AutoSignIn after a
// verification, when the caller was not already signed in as them), else
// "".
type VerifyResult struct {
	PersonID string
	Outcome  string
	Token    string
	// Revoked counts the sessions, passkeys, linked accounts and second
	// factor a verification ended (see unproven).
	Revoked int
}

// Verify proves the address the token was mailed to: in one append it
// records person.email_verified, releases the token's claim (so it works
// once), ends every session opened while the address was unproven except
// the caller's own and removes every passkey, the second factor with its
// trusted devices and the linked accounts added after sign-up (account
// pre-hijacking: whoever signed up with someone else's address loses their
// foothold; person.unproven_access_removed records it and the owner is
// told by mail) and,
// with AutoSignIn, opens a session. A token that is unknown,
// superseded, used, of another purpose or for an address the person no
// longer has is INVALID_TOKEN; an expired one TOKEN_EXPIRED. Nothing is
// appended on a refusal.
//
// A change-email link is followed the same way (see followChange).
func (s *Service) Verify(ctx context.Context, in VerifyInput) (VerifyResult, error) {
	if in.Token == "" || len(in.Token) > maxTokenLen {
		return VerifyResult{}, person.ErrInvalidToken
	}
	hash := maillink.Hash(in.Token)
	stream, err := s.owner(ctx, claimKind, hash)
	if errors.Is(err, person.ErrInvalidToken) {
		if stream, err = s.owner(ctx, changeClaimKind, hash); err == nil {
			return s.followChange(ctx, in, stream, hash)
		}
	}
	if err != nil {
		return VerifyResult{}, err
	}
	return s.verify(ctx, in, stream, hash)
}

// verify proves the address of a verification link.
func (s *Service) verify(ctx context.Context, in VerifyInput, stream, hash string) (VerifyResult, error) {
	res := VerifyResult{PersonID: strings.TrimPrefix(stream, domain.PersonStreamPrefix), Outcome: OutcomeVerified}
	var err error
	err = s.app.Retry(func() error {
		res.Token = ""
		now := s.app.Now()
		st, ch, err := app.Decide(ctx, s.app, person.NewDecider(), stream, func(person.State) person.Command {
			return person.VerifyEmail{TokenHash: hash, At: now}
		})
		if err != nil {
			return err
		}
		ch.Releases = []eventstore.Claim{s.app.Claim(claimKind, hash, stream)}
		changes, n, err := s.unproven(ctx, in.Authed, st, ch, person.ViaVerification)
		if err != nil {
			return err
		}
		res.Revoked = n
		if s.signsIn(in.Authed, st) {
			o, err := s.sessions.Open(in.Caller, res.PersonID, true, now)
			if err != nil {
				return err
			}
			changes, res.Token = append(changes, o.Change), o.Token
		}
		_, err = s.app.Commit(ctx, in.Caller.Meta(res.PersonID, now), res.PersonID, changes...)
		return err
	})
	if err == nil && res.Revoked > 0 {
		s.notifyRevoked(ctx, res.PersonID, res.Revoked)
	}
	return res, err
}

// signsIn reports whether a verification opens a session: with
// AutoSignIn, for a person who is not banned and not already the caller.
func (s *Service) signsIn(authed *sessions.Authed, st person.State) bool {
	return s.cfg.AutoSignIn && !st.Banned && (authed == nil || authed.User.ID != st.ID)
}

// owner resolves a token hash to the person stream that claimed it
// under kind.
func (s *Service) owner(ctx context.Context, kind, hash string) (string, error) {
	stream, err := s.app.Owner(ctx, kind, hash)
	if errors.Is(err, eventstore.ErrClaimNotFound) || err == nil && !strings.HasPrefix(stream, domain.PersonStreamPrefix) {
		return "", person.ErrInvalidToken
	}
	return stream, err
}
