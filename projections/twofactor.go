package projections

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/ontology"
)

// Two-factor rows and facts.
const (
	// KindTOTPFactor is the Thing kind of a person's TOTP factor; its id
	// is TOTPFactorID(person), status "pending", "active" or "disabled".
	KindTOTPFactor = "totp_factor"
	// FactMFAMethods is a JSON array of the person's active second
	// factors: [] or ["totp","backup_code"].
	FactMFAMethods = "mfa_methods"
	// FactFailedTwoFactorCodes mirrors the two-factor lockout counter.
	FactFailedTwoFactorCodes = "failed_two_factor_codes"
)

// Statuses of a TOTP factor thing.
const (
	statusPending  = "pending"
	statusDisabled = "disabled"
)

// TOTPFactorID is the thing id of a person's TOTP factor (one per person).
func TOTPFactorID(personID string) string { return "totp_" + personID }

// twoFactorPeople sets people.two_factor_enabled.
func twoFactorPeople() map[string]applyFunc {
	set := func(ctx context.Context, w ontology.Writer, id string, on bool, at time.Time) error {
		p, err := getPerson(ctx, w, id)
		if err != nil {
			return err
		}
		p.TwoFactorEnabled, p.UpdatedAt = on, at
		return w.PutPerson(ctx, p)
	}
	return map[string]applyFunc{
		twofactor.TypeEnabled: on(func(ctx context.Context, w ontology.Writer, e twofactor.Enabled) error {
			return set(ctx, w, e.PersonID, true, e.At)
		}),
		twofactor.TypeDisabled: on(func(ctx context.Context, w ontology.Writer, e twofactor.Disabled) error {
			return set(ctx, w, e.PersonID, false, e.At)
		}),
	}
}

// twoFactorThings keeps one totp_factor thing per person (no secret in it).
func twoFactorThings() map[string]applyFunc {
	put := func(ctx context.Context, w ontology.Writer, personID, status string, at time.Time) error {
		t, err := w.GetThing(ctx, TOTPFactorID(personID))
		if err != nil && !errors.Is(err, ontology.ErrNotFound) {
			return err
		}
		if err != nil {
			t = ontology.Thing{ID: TOTPFactorID(personID), Kind: KindTOTPFactor, OwnerID: personID, CreatedAt: at,
				Data: json.RawMessage(`{"digits":6,"period":30}`)}
		}
		t.Status, t.UpdatedAt = status, at
		return w.PutThing(ctx, t)
	}
	return map[string]applyFunc{
		twofactor.TypeEnrolmentStarted: on(func(ctx context.Context, w ontology.Writer, e twofactor.EnrolmentStarted) error {
			return put(ctx, w, e.PersonID, statusPending, e.At)
		}),
		twofactor.TypeEnabled: on(func(ctx context.Context, w ontology.Writer, e twofactor.Enabled) error {
			return put(ctx, w, e.PersonID, statusActive, e.At)
		}),
		twofactor.TypeDisabled: on(func(ctx context.Context, w ontology.Writer, e twofactor.Disabled) error {
			return put(ctx, w, e.PersonID, statusDisabled, e.At)
		}),
	}
}

// twoFactorKnowledge keeps mfa_methods, the failed-code counter, the last
// sign-in time of sign-ins completed by a second factor, and resets
// failed_sign_ins on a right password that awaits its second factor.
func twoFactorKnowledge() map[string]applyFunc {
	return map[string]applyFunc{
		// The password was right: the account's failure count restarts.
		account.TypeSecondFactorRequired: on(func(ctx context.Context, w ontology.Writer, e account.SecondFactorRequired) error {
			return putFacts(ctx, w, e.PersonID, e.At, kv{FactFailedSignIns, 0})
		}),
		twofactor.TypeEnabled: on(func(ctx context.Context, w ontology.Writer, e twofactor.Enabled) error {
			methods, err := keepPasskeyMethod(ctx, w, e.PersonID, twofactor.MethodTOTP, twofactor.MethodBackupCode)
			if err != nil {
				return err
			}
			return putFacts(ctx, w, e.PersonID, e.At, kv{FactMFAMethods, methods}, kv{FactFailedTwoFactorCodes, 0})
		}),
		twofactor.TypeDisabled: on(func(ctx context.Context, w ontology.Writer, e twofactor.Disabled) error {
			methods, err := keepPasskeyMethod(ctx, w, e.PersonID)
			if err != nil {
				return err
			}
			return putFacts(ctx, w, e.PersonID, e.At, kv{FactMFAMethods, methods})
		}),
		twofactor.TypeCodeRejected: on(func(ctx context.Context, w ontology.Writer, e twofactor.CodeRejected) error {
			return putFacts(ctx, w, e.PersonID, e.At, kv{FactFailedTwoFactorCodes, e.Failures})
		}),
		twofactor.TypeCodeAccepted: on(func(ctx context.Context, w ontology.Writer, e twofactor.CodeAccepted) error {
			facts := []kv{{FactFailedTwoFactorCodes, 0}}
			if e.ChallengeID != "" {
				// the second step of a password sign-in (challenges follow passwords)
				facts = append(facts, kv{FactLastSignInAt, timeValue(e.At)}, kv{FactLastSignInMethod, SignInPassword})
			}
			return putFacts(ctx, w, e.PersonID, e.At, facts...)
		}),
	}
}

// withTwoFactor adds a projector's two-factor (and other extra) handlers (nil: none).
func withTwoFactor(t *table, handlers ...map[string]applyFunc) *table {
	if t.on == nil {
		t.on = map[string]applyFunc{}
	}
	for _, hs := range handlers {
		for k, f := range hs {
			t.on[k] = f
		}
	}
	return t
}
