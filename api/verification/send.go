package verification

import (
	"cmp"
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// ErrInvalidEmail refuses an address that is not one.
var ErrInvalidEmail = domain.Errorf(domain.CodeInvalidEmail, "Invalid email")

// SendInput asks for a verification link to Email. Authed is the caller's
// session (nil without one); CallbackURL, where the link finally sends
// the browser, is validated by the transport against its trusted origins.
type SendInput struct {
	Caller      app.Caller
	Authed      *sessions.Authed
	Email       string
	CallbackURL string
}

// Send mails a verification link. With a session the address must be the
// session's own and unproven (EMAIL_MISMATCH, EMAIL_ALREADY_VERIFIED), and
// the link is recorded before the answer (the outbox mailer sends it). Without one the
// answer comes at once and alike for every address; the work runs in the
// background and does nothing for unknown or proven addresses.
func (s *Service) Send(ctx context.Context, in SendInput) error {
	if !s.Enabled() {
		return person.ErrVerificationEmailOff
	}
	addr, err := email.Canonicalize(in.Email)
	if err != nil {
		return ErrInvalidEmail
	}
	if in.Authed == nil {
		s.inBackground(in.Caller.Meta("", s.app.Now()), func(ctx context.Context, meta domain.Metadata) error {
			return s.sendToAddress(ctx, meta, addr, in.CallbackURL)
		})
		return nil
	}
	u := in.Authed.User
	if own, err := email.Canonicalize(u.Email); err != nil || own != addr {
		return person.ErrEmailMismatch
	}
	if u.EmailVerified {
		return person.ErrEmailAlreadyVerified
	}
	return s.issue(ctx, in.Caller.Meta(u.ID, s.app.Now()), u.ID, in.CallbackURL)
}

// SendInBackground mails a fresh link to a person's current address
// after the answer (sign-up with SendOnSignUp, a sign-in refused for an
// unproven address); a failure is only logged. It does nothing when
// verification is off.
func (s *Service) SendInBackground(caller app.Caller, personID, callbackURL string) {
	if !s.Enabled() {
		return
	}
	s.inBackground(caller.Meta(personID, s.app.Now()), func(ctx context.Context, meta domain.Metadata) error {
		return s.issue(ctx, meta, personID, callbackURL)
	})
}

// inBackground runs work on the pool, bounded by SendTimeout; beyond
// MaxPending it is dropped and logged (by request id, never the address).
func (s *Service) inBackground(meta domain.Metadata, work func(context.Context, domain.Metadata) error) {
	ok := s.pool.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), s.cfg.SendTimeout)
		defer cancel()
		if err := work(ctx, meta); err != nil && !errors.Is(err, person.ErrEmailAlreadyVerified) {
			s.app.Logger.Error("verification email failed", "request_id", meta.RequestID, "err", err)
		}
	})
	if !ok {
		s.app.Logger.Warn("verification email dropped: too many pending", "request_id", meta.RequestID)
	}
}

// sendToAddress issues a link to the person who owns addr, if any.
func (s *Service) sendToAddress(ctx context.Context, meta domain.Metadata, addr, callbackURL string) error {
	owner, err := s.app.Owner(ctx, "email", addr)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	personID := strings.TrimPrefix(owner, domain.PersonStreamPrefix)
	meta.Actor = personID
	return s.issue(ctx, meta, personID, callbackURL)
}

// issue records a new token for the person's current address (claiming
// its hash, releasing the superseded one's); the outbox mailer mails the
// link there after the commit (the token is derived from the event's
// mail id, see api/maillink).
func (s *Service) issue(ctx context.Context, meta domain.Metadata, personID, callbackURL string) error {
	mailID, tok, err := maillink.NewSecrets(s.app.Secret).New(s.app.Rand, maillink.PurposeVerify)
	if err != nil {
		return err
	}
	callbackURL = s.callback(callbackURL)
	hash, stream, now := maillink.Hash(tok), domain.PersonStream(personID), s.app.Now()
	meta.OccurredAt = now
	_, err = app.Handle(ctx, s.app, eventstore.Command[person.State, person.Command]{
		Decider: person.NewDecider(), Stream: stream, Meta: meta, KeyRef: personID,
		Build: func(person.State) (person.Command, error) {
			return person.RequestEmailVerification{TokenHash: hash, ExpiresAt: now.Add(s.cfg.TTL), At: now,
				MailID: mailID, CallbackURL: callbackURL}, nil
		},
		With: func(st person.State, _ []domain.Event) ([]eventstore.Change, error) {
			ch := eventstore.Change{Stream: stream, Claims: []eventstore.Claim{s.app.Claim(claimKind, hash, stream)}}
			if st.VerifyTokenHash != "" {
				ch.Releases = []eventstore.Claim{s.app.Claim(claimKind, st.VerifyTokenHash, stream)}
			}
			return []eventstore.Change{ch}, nil
		},
	})
	return err
}

// callback is where a link sends the browser: the request's callbackURL,
// else the configured DefaultRedirect ("" lets the mailer use "/").
func (s *Service) callback(callbackURL string) string {
	return cmp.Or(callbackURL, s.cfg.DefaultRedirect)
}
