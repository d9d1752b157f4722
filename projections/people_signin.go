package projections

import (
	"context"
	"time"

	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/ontology"
)

// peopleSignIns set people.last_sign_in_at on every completed sign-in: a
// password (one step, or the second factor accepting a challenge), a
// passkey, a social provider (not a link-social flow, which opens no
// session). UpdatedAt stays: signing in changes no profile. How is kept in
// knowledge (last_sign_in_method).
func peopleSignIns() map[string]applyFunc {
	set := func(ctx context.Context, w ontology.Writer, id string, at time.Time) error {
		p, err := getPerson(ctx, w, id)
		if err != nil {
			return err
		}
		at = at.UTC()
		p.LastSignInAt = &at
		return w.PutPerson(ctx, p)
	}
	return map[string]applyFunc{
		account.TypeSignInSucceeded: on(func(ctx context.Context, w ontology.Writer, e account.SignInSucceeded) error {
			return set(ctx, w, e.PersonID, e.At)
		}),
		authenticator.TypeUsed: on(func(ctx context.Context, w ontology.Writer, e authenticator.Used) error {
			return set(ctx, w, e.PersonID, e.At)
		}),
		social.TypeSucceeded: on(func(ctx context.Context, w ontology.Writer, e social.Succeeded) error {
			if e.SessionID == "" {
				return nil
			}
			return set(ctx, w, e.PersonID, e.At)
		}),
		twofactor.TypeCodeAccepted: on(func(ctx context.Context, w ontology.Writer, e twofactor.CodeAccepted) error {
			if e.ChallengeID == "" {
				return nil
			}
			return set(ctx, w, e.PersonID, e.At)
		}),
	}
}
