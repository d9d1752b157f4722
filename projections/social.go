package projections

import (
	"context"
	"time"

	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/ontology"
)

// Fact keys of social sign-in. A person's last social sign-in names its
// provider; each provider is a knowledge subject of its own
// (ProviderSubject) with counters analysts compare across providers.
const (
	// FactLastSignInProvider is the provider id of the person's last
	// social sign-in (JSON string).
	FactLastSignInProvider = "last_sign_in_provider"
	// FactSignIns counts a provider's completed sign-ins (JSON number).
	FactSignIns = "sign_ins"
	// FactSignUps counts the people a provider's sign-ins created.
	FactSignUps = "sign_ups"
	// FactLinks counts the accounts linked to existing people through
	// the provider (implicitly or with link-social).
	FactLinks = "links"
	// FactRefusedSignIns counts a provider's flows that ended refused.
	FactRefusedSignIns = "refused_sign_ins"
)

// ProviderSubject is the knowledge subject of a social provider:
// "provider:<id>" (person ids never hold a colon).
func ProviderSubject(providerID string) string { return "provider:" + providerID }

// socialKnowledge keeps the person's last sign-in (time and provider) for
// social sign-ins, and the per-provider counters.
func socialKnowledge() map[string]applyFunc {
	return map[string]applyFunc{
		social.TypeSucceeded: on(func(ctx context.Context, w ontology.Writer, e social.Succeeded) error {
			counters := []string{}
			if e.SessionID != "" { // a link-social flow opens no session
				counters = append(counters, FactSignIns)
				if err := putFacts(ctx, w, e.PersonID, e.At, kv{FactLastSignInAt, timeValue(e.At)},
					kv{FactLastSignInMethod, SignInSocial}, kv{FactLastSignInProvider, e.ProviderID}); err != nil {
					return err
				}
			}
			if e.NewUser {
				counters = append(counters, FactSignUps)
			}
			if e.Linked {
				counters = append(counters, FactLinks)
			}
			return countFacts(ctx, w, ProviderSubject(e.ProviderID), e.At, counters...)
		}),
		social.TypeFailed: on(func(ctx context.Context, w ontology.Writer, e social.Failed) error {
			return countFacts(ctx, w, ProviderSubject(e.ProviderID), e.At, FactRefusedSignIns)
		}),
	}
}

// countFacts adds one to each of subject's counters.
func countFacts(ctx context.Context, w ontology.Writer, subject string, at time.Time, keys ...string) error {
	for _, k := range keys {
		var n int
		if err := getFact(ctx, w, subject, k, &n); err != nil {
			return err
		}
		if err := putFacts(ctx, w, subject, at, kv{k, n + 1}); err != nil {
			return err
		}
	}
	return nil
}
