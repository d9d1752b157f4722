package projections

import (
	"context"
	"encoding/json"
	"maps"
	"time"

	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/ontology"
)

// KnowledgeName is the checkpoint name of the knowledge projector.
const KnowledgeName = "knowledge.v1"

// Fact keys of the knowledge dimension.
const (
	FactLastSignInAt      = "last_sign_in_at"     // JSON string, RFC 3339 UTC
	FactFailedSignIns     = "failed_sign_ins"     // JSON number
	FactPasswordChangedAt = "password_changed_at" // JSON string, RFC 3339 UTC
	// FactLastSignInMethod is how the last sign-in was made (JSON string):
	// SignInPassword (with or without a second factor), SignInPasskey or
	// SignInSocial (its provider in last_sign_in_provider). Kept beside
	// last_sign_in_at by the same events; people who last signed in
	// before it existed get it at their next sign-in or a rebuild.
	FactLastSignInMethod = "last_sign_in_method"
)

// Values of FactLastSignInMethod.
const (
	SignInPassword = "password"
	SignInPasskey  = "passkey"
	SignInSocial   = "social"
)

// Knowledge returns the knowledge.v1 projector: per-person facts.
// failed_sign_ins mirrors the account aggregate's failure counter: the
// consecutive failures carried by each failure event (failed sign-ins
// and failed password verifications count alike), reset to 0 by a
// successful sign-in and by a password change. It is a per-person audit
// figure; the sign-in backoff counts per submitted address instead
// (signin.* events, about no person: not facts of anyone here). Organizations get
// member_count and last_activity_at (groupKnowledge). Social sign-ins
// set last_sign_in_at and last_sign_in_provider, and count per provider
// (socialKnowledge).
func Knowledge() Projector {
	handlers := map[string]applyFunc{
		account.TypeSignInSucceeded: on(func(ctx context.Context, w ontology.Writer, e account.SignInSucceeded) error {
			return putFacts(ctx, w, e.PersonID, e.At, kv{FactLastSignInAt, timeValue(e.At)},
				kv{FactLastSignInMethod, SignInPassword}, kv{FactFailedSignIns, 0})
		}),
		account.TypeSignInFailed: on(func(ctx context.Context, w ontology.Writer, e account.SignInFailed) error {
			return putFacts(ctx, w, e.PersonID, e.At, kv{FactFailedSignIns, e.Failures})
		}),
		account.TypePasswordVerifyFailed: on(func(ctx context.Context, w ontology.Writer, e account.PasswordVerifyFailed) error {
			return putFacts(ctx, w, e.PersonID, e.At, kv{FactFailedSignIns, e.Failures})
		}),
		account.TypePasswordChanged: on(func(ctx context.Context, w ontology.Writer, e account.PasswordChanged) error {
			return putFacts(ctx, w, e.PersonID, e.At, kv{FactPasswordChangedAt, timeValue(e.At)}, kv{FactFailedSignIns, 0})
		}),
	}
	handlers[person.TypeErased] = on(eraseSubject)
	maps.Copy(handlers, groupKnowledge())
	maps.Copy(handlers, passkeyKnowledge())
	maps.Copy(handlers, socialKnowledge())
	return withTwoFactor(&table{
		name: KnowledgeName,
		on:   handlers,
	}, twoFactorKnowledge())
}

// timeValue is the stored form of a time fact.
func timeValue(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// kv is one fact to write: its key and a value marshalled to JSON.
type kv struct {
	key   string
	value any
}

// putFacts writes facts about subject, stamped at.
func putFacts(ctx context.Context, w ontology.Writer, subject string, at time.Time, facts ...kv) error {
	for _, f := range facts {
		v, err := json.Marshal(f.value)
		if err != nil {
			return err
		}
		if err := w.PutFact(ctx, ontology.Fact{SubjectID: subject, Key: f.key, Value: v, UpdatedAt: at}); err != nil {
			return err
		}
	}
	return nil
}
