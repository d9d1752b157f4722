// Package proof is what proving a person's address ends (account
// pre-hijacking, Sudhodanan & Paverd, USENIX Security 2022): whoever used
// an address before its owner proved it may have added a password,
// passkeys, a second factor (and trusted devices), sessions and linked
// accounts. When the owner proves it (the verification link, a reset
// link, a trusted provider's verified email, a change-email link), the use
// case that records the proof appends, in the same commit, the removal of
// all of it except what the proof itself shows to be the owner's, and
// person.unproven_access_removed for the audit trail and the owner's
// notice. Transport-free.
package proof

import (
	"context"
	"slices"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
)

// Passkeys is what a proof asks of passkeys; defined here, where it is
// consumed (passkeys.Service implements it).
type Passkeys interface {
	RemoveAllChange(ctx context.Context, personID string) (eventstore.Change, error)
}

// Remover decides the removals of a proof.
type Remover struct {
	app      *app.App
	sessions *sessions.Service
	passkeys Passkeys
}

// New returns a Remover over a; pk may be nil (no passkeys served).
func New(a *app.App, sess *sessions.Service, pk Passkeys) *Remover {
	return &Remover{app: a, sessions: sess, passkeys: pk}
}

// Proof is one proof of an address and what it shows to be the owner's.
type Proof struct {
	// Via is how the address was proven (person.Via*).
	Via string
	// Reason is recorded on each revoked session.
	Reason string
	// KeepSession is the caller's own session when the caller is the
	// person (it followed the link while signed in): it stays.
	KeepSession string
	// KeepPassword keeps the credential account (the verification and
	// change-email links confirm the sign-up that set it; a reset replaces
	// it in the same append).
	KeepPassword bool
	// KeepAccounts are external accounts that stay: the trusted provider
	// that proved the address, the account a person signed up with.
	KeepAccounts []string
}

// Removed counts what a proof removed.
type Removed struct {
	Sessions, Passkeys, Accounts int
	Password, TwoFactor          bool
}

// Any reports whether anything was removed.
func (r Removed) Any() bool {
	return r.Sessions+r.Passkeys+r.Accounts > 0 || r.Password || r.TwoFactor
}

// Changes extends pc, the person stream's change of the proof as the
// caller decided it (st is the person it was decided on), with the unlinked
// accounts and person.unproven_access_removed, and returns it with the
// changes of the other streams: revoked sessions, removed passkeys,
// two-factor turned off (and with it every trusted device), unlinked
// accounts with their claims released. Sessions the caller opens in the
// same append are not the index's yet and stay.
func (r *Remover) Changes(ctx context.Context, st person.State, pc eventstore.Change, p Proof) ([]eventstore.Change, Removed, error) {
	var rm Removed
	for _, ev := range pc.Events {
		st = person.Evolve(st, ev)
	}
	targets := slices.DeleteFunc(r.sessions.All(st.ID), func(s sessionindex.Session) bool { return s.ID == p.KeepSession })
	out, err := r.sessions.RevokeChanges(ctx, p.Reason, targets)
	if err != nil {
		return nil, rm, err
	}
	rm.Sessions = len(out)
	if r.passkeys != nil {
		pk, err := r.passkeys.RemoveAllChange(ctx, st.ID)
		if err != nil {
			return nil, rm, err
		}
		if len(pk.Events) > 0 {
			out, rm.Passkeys = append(out, pk), len(pk.Events)
		}
	}
	_, tf, err := app.Decide(ctx, r.app, twofactor.NewDecider(), twofactor.Stream(st.ID),
		func(twofactor.State) twofactor.Command { return twofactor.Remove{At: r.app.Now()} })
	if err != nil {
		return nil, rm, err
	}
	if len(tf.Events) > 0 {
		out, rm.TwoFactor = append(out, tf), true
	}
	evs, err := person.Decide(st, person.ForgetUnproven{Via: p.Via, KeepPassword: p.KeepPassword,
		KeepAccounts: p.KeepAccounts, Sessions: rm.Sessions, Passkeys: rm.Passkeys, TwoFactor: rm.TwoFactor, At: r.app.Now()})
	if err != nil {
		return nil, rm, err
	}
	pc.Events = append(pc.Events, evs...)
	for _, ev := range evs {
		u, ok := ev.(person.AccountUnlinked)
		if !ok {
			continue
		}
		ac, err := r.unlink(ctx, st, u.AccountID)
		if err != nil {
			return nil, rm, err
		}
		if u.AccountID == st.CredentialAccountID {
			rm.Password = true
		} else {
			rm.Accounts++
		}
		out = append(out, ac)
	}
	return append([]eventstore.Change{pc}, out...), rm, nil
}

// unlink decides account.unlinked on the account's stream and releases
// an external account's (provider, subject) claim.
func (r *Remover) unlink(ctx context.Context, st person.State, accountID string) (eventstore.Change, error) {
	stream := account.Stream(accountID)
	_, ch, err := app.Decide(ctx, r.app, account.NewDecider(), stream,
		func(account.State) account.Command { return account.Unlink{At: r.app.Now()} })
	if err != nil {
		return ch, err
	}
	if a, ok := st.Account(accountID); ok {
		ch.Releases = append(ch.Releases, r.app.Claim("account", account.ExternalKey(a.ProviderID, a.Subject), stream))
	}
	return ch, nil
}

// Needed reports whether proving st's address ends anything: only an
// address that was never proven hides someone else's additions.
func Needed(st person.State) bool { return st.Exists && !st.EmailVerified }

// SignUpAccounts is the external account a person signed up with (linked
// when the person was created), which a verification link confirms like
// a sign-up password; none for a person who signed up with a password.
func SignUpAccounts(st person.State) []string {
	if len(st.Accounts) > 0 && !st.Accounts[0].CreatedAt.After(st.CreatedAt) {
		return []string{st.Accounts[0].ID}
	}
	return nil
}
