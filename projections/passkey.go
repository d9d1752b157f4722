package projections

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/ontology"
)

// Passkey rows and facts.
const (
	// KindPasskey is the Thing kind of a registered passkey: id the
	// passkey id, owner the person, status "active" or "deleted"; Data
	// holds its name, AAGUID, backup state and counter (never the key).
	KindPasskey = "passkey"
	// FactPasskeyCount is the number of the person's active passkeys.
	FactPasskeyCount = "passkey_count"
	// MethodPasskey is the passkey entry of mfa_methods.
	MethodPasskey = "passkey"
	statusDeleted = "deleted"
)

// passkeyData is the Data object of a passkey thing.
type passkeyData struct {
	Name           string `json:"name"`
	AAGUID         string `json:"aaguid,omitempty"`
	BackupEligible bool   `json:"backupEligible"`
	BackedUp       bool   `json:"backedUp"`
	SignCount      uint32 `json:"signCount"`
	LastUsedAt     string `json:"lastUsedAt,omitempty"`
}

// passkeyThings keeps one passkey thing per registered passkey.
func passkeyThings() map[string]applyFunc {
	return map[string]applyFunc{
		authenticator.TypeRegistered: on(func(ctx context.Context, w ontology.Writer, e authenticator.Registered) error {
			data, err := json.Marshal(passkeyData{Name: e.Name, AAGUID: e.AAGUID, BackupEligible: e.BackupEligible,
				BackedUp: e.BackedUp, SignCount: e.SignCount})
			if err != nil {
				return err
			}
			return w.PutThing(ctx, ontology.Thing{ID: e.PasskeyID, Kind: KindPasskey, OwnerID: e.PersonID,
				Status: statusActive, Data: data, CreatedAt: e.At, UpdatedAt: e.At})
		}),
		authenticator.TypeRenamed: on(func(ctx context.Context, w ontology.Writer, e authenticator.Renamed) error {
			return updatePasskey(ctx, w, e.PasskeyID, e.At, func(t *ontology.Thing, d *passkeyData) { d.Name = e.Name })
		}),
		authenticator.TypeUsed: on(func(ctx context.Context, w ontology.Writer, e authenticator.Used) error {
			return updatePasskey(ctx, w, e.PasskeyID, e.At, func(t *ontology.Thing, d *passkeyData) {
				d.SignCount, d.BackedUp, d.LastUsedAt = e.SignCount, e.BackedUp, timeValue(e.At)
			})
		}),
		authenticator.TypeDeleted: on(func(ctx context.Context, w ontology.Writer, e authenticator.Deleted) error {
			return updatePasskey(ctx, w, e.PasskeyID, e.At, func(t *ontology.Thing, d *passkeyData) { t.Status = statusDeleted })
		}),
	}
}

func updatePasskey(ctx context.Context, w ontology.Writer, id string, at time.Time, f func(*ontology.Thing, *passkeyData)) error {
	t, err := w.GetThing(ctx, id)
	if errors.Is(err, ontology.ErrNotFound) {
		return fmt.Errorf("%w: passkey %s", ErrMissingRow, id)
	}
	if err != nil {
		return err
	}
	var d passkeyData
	if err := json.Unmarshal(t.Data, &d); err != nil {
		return err
	}
	f(&t, &d)
	if t.Data, err = json.Marshal(d); err != nil {
		return err
	}
	t.UpdatedAt = at
	return w.PutThing(ctx, t)
}

// passkeyKnowledge keeps passkey_count, "passkey" in mfa_methods while
// the count is above zero, and the last sign-in time of passkey sign-ins.
func passkeyKnowledge() map[string]applyFunc {
	return map[string]applyFunc{
		authenticator.TypeRegistered: on(func(ctx context.Context, w ontology.Writer, e authenticator.Registered) error {
			return countPasskeys(ctx, w, e.PersonID, e.At, +1)
		}),
		authenticator.TypeDeleted: on(func(ctx context.Context, w ontology.Writer, e authenticator.Deleted) error {
			return countPasskeys(ctx, w, e.PersonID, e.At, -1)
		}),
		authenticator.TypeUsed: on(func(ctx context.Context, w ontology.Writer, e authenticator.Used) error {
			return putFacts(ctx, w, e.PersonID, e.At, kv{FactLastSignInAt, timeValue(e.At)},
				kv{FactLastSignInMethod, SignInPasskey})
		}),
	}
}

func countPasskeys(ctx context.Context, w ontology.Writer, personID string, at time.Time, delta int) error {
	var n int
	if err := getFact(ctx, w, personID, FactPasskeyCount, &n); err != nil {
		return err
	}
	n = max(0, n+delta)
	methods, err := mfaMethods(ctx, w, personID, MethodPasskey, n > 0)
	if err != nil {
		return err
	}
	return putFacts(ctx, w, personID, at, kv{FactPasskeyCount, n}, kv{FactMFAMethods, methods})
}

// mfaMethods returns the person's mfa_methods with method turned on or
// off, keeping the others (two-factor and passkeys share the fact).
func mfaMethods(ctx context.Context, w ontology.Writer, personID, method string, enabled bool) ([]string, error) {
	methods := []string{}
	if err := getFact(ctx, w, personID, FactMFAMethods, &methods); err != nil {
		return nil, err
	}
	methods = slices.DeleteFunc(methods, func(m string) bool { return m == method })
	if enabled {
		methods = append(methods, method)
	}
	if methods == nil {
		methods = []string{}
	}
	return methods, nil
}

// getFact reads a fact into v; a missing fact leaves v as it is.
func getFact(ctx context.Context, w ontology.Writer, subject, key string, v any) error {
	f, err := w.GetFact(ctx, subject, key)
	if errors.Is(err, ontology.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return json.Unmarshal(f.Value, v)
}

// keepPasskeyMethod returns methods followed by "passkey" when the
// person's mfa_methods has it: two-factor changes keep the passkeys.
func keepPasskeyMethod(ctx context.Context, w ontology.Writer, personID string, methods ...string) ([]string, error) {
	current := []string{}
	if err := getFact(ctx, w, personID, FactMFAMethods, &current); err != nil {
		return nil, err
	}
	out := append([]string{}, methods...)
	if slices.Contains(current, MethodPasskey) {
		out = append(out, MethodPasskey)
	}
	return out, nil
}
