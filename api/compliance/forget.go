package compliance

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// ForgetInput names the person to erase and who asks.
type ForgetInput struct {
	Caller   app.Caller
	Actor    string
	PersonID string
}

// ForgetResult says what the erasure appended.
type ForgetResult struct {
	// Position of the erasure; zero when the person was already erased.
	Position      eventstore.Position
	AlreadyErased bool
}

// Forget erases a person (crypto-shredding): in one append it revokes
// their live sessions, releases their email claim and records the
// PII-free person.erased; once the session index and the projections have
// applied it, it destroys the invitee key of every address the person
// held (their invitations' emails) and then the person's data key, so
// everything sealed with them (profile, password hash, IPs, user agents,
// invited addresses) is unreadable for good, and asks the read store to
// scrub deleted rows. The erasure's own
// metadata is appended without a key, so its IP and user agent are
// dropped. Forgetting an erased person again destroys the key again (it
// finishes an erasure that stopped between the append and the key
// deletion) and appends nothing.
func (s *Service) Forget(ctx context.Context, in ForgetInput) (ForgetResult, error) {
	if !domain.ValidID(in.PersonID) {
		return ForgetResult{}, domain.ErrNotFound
	}
	var res ForgetResult
	err := s.app.Retry(func() error {
		var err error
		res, err = s.appendErasure(ctx, in)
		return err
	})
	if err != nil {
		return res, err
	}
	// Commands do not wait for the projections (app.committed): the rows
	// must be gone before the scrub, and applied before the keys go.
	if err := s.app.Settle(ctx, res.Position); err != nil {
		return res, err
	}
	if err := s.forgetAddresses(ctx, in.PersonID); err != nil {
		return res, err
	}
	if err := s.app.Keys.Forget(ctx, in.PersonID); err != nil {
		return res, err
	}
	s.erased()
	if s.deps.Scrubber != nil {
		if err := s.deps.Scrubber.Scrub(ctx); err != nil {
			s.app.Logger.Warn("scrub after erasure failed", "err", err)
		}
	}
	return res, nil
}

// appendErasure decides the erasure on the person's stream and the
// revocation of each of their sessions, and appends them together.
func (s *Service) appendErasure(ctx context.Context, in ForgetInput) (ForgetResult, error) {
	now := s.app.Now()
	stream := domain.PersonStream(in.PersonID)
	st, erase, err := app.Decide(ctx, s.app, person.NewDecider(), stream,
		func(person.State) person.Command { return person.Erase{At: now} })
	if err != nil {
		return ForgetResult{}, err
	}
	if len(erase.Events) == 0 {
		return ForgetResult{AlreadyErased: true}, nil
	}
	if st.Email != "" {
		erase.Releases = []eventstore.Claim{s.app.Claim("email", st.Email, stream)}
	}
	// The (provider, subject) claims of the external accounts: once the key
	// is destroyed nobody could read the subject to release them, and a
	// claim left behind would keep that provider account from ever signing
	// up anew.
	for _, a := range st.Accounts {
		erase.Releases = append(erase.Releases,
			s.app.Claim("account", account.ExternalKey(a.ProviderID, a.Subject), account.Stream(a.ID)))
	}
	changes, err := s.revocations(ctx, in.PersonID, now)
	if err != nil {
		return ForgetResult{}, err
	}
	pos, err := s.app.Commit(ctx, in.Caller.Meta(in.Actor, now), "", append(changes, erase)...)
	return ForgetResult{Position: pos}, err
}

// revocations decides the revocation of every session of the person
// (sessions already ended decide nothing and are skipped by the append).
func (s *Service) revocations(ctx context.Context, personID string, now time.Time) ([]eventstore.Change, error) {
	ids, err := s.sessionsOf(ctx, personID)
	if err != nil {
		return nil, err
	}
	changes := make([]eventstore.Change, 0, len(ids))
	for _, id := range ids {
		_, ch, err := app.Decide(ctx, s.app, session.NewDecider(), domain.SessionStream(id),
			func(session.State) session.Command { return session.Revoke{Reason: session.ReasonRevokeAll, At: now} })
		if err != nil {
			return nil, err
		}
		changes = append(changes, ch)
	}
	return changes, nil
}
