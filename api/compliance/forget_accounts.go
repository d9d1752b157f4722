package compliance

import (
	"context"
	"encoding/json"

	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/eventstore"
)

// externalClaims returns the (provider, subject) claims of the person's
// external accounts (social sign-in), to release with the erasure: once
// the person's key is destroyed nobody can read the subject again, and a
// claim left behind would keep that provider account from ever signing up
// anew. It scans the log (erasure is rare): only records whose unsealed
// person id matches are decoded, with the person's key still in place.
func (s *Service) externalClaims(ctx context.Context, personID string) ([]eventstore.Claim, error) {
	var out []eventstore.Claim
	var after eventstore.Position
	for {
		recs, err := s.app.Store.ReadAll(ctx, after, readBatch)
		if err != nil || len(recs) == 0 {
			return out, err
		}
		for _, rec := range recs {
			c, ok, err := s.externalClaim(ctx, rec, personID)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, c)
			}
		}
		after = recs[len(recs)-1].Position
	}
}

// externalClaim is the claim of rec when it creates an external account
// of personID.
func (s *Service) externalClaim(ctx context.Context, rec eventstore.Record, personID string) (eventstore.Claim, bool, error) {
	if rec.Type != account.TypeCreated {
		return eventstore.Claim{}, false, nil
	}
	var ids struct {
		PersonID string `json:"personId"`
	}
	if json.Unmarshal(rec.Data, &ids) != nil || ids.PersonID != personID {
		return eventstore.Claim{}, false, nil
	}
	ev, _, err := s.app.Codec.Decode(ctx, rec)
	if err != nil {
		return eventstore.Claim{}, false, err
	}
	e, ok := ev.(account.Created)
	if !ok || e.ProviderID == account.ProviderCredential || e.Subject == "" {
		return eventstore.Claim{}, false, nil
	}
	return s.app.Claim("account", account.ExternalKey(e.ProviderID, e.Subject), rec.Stream), true, nil
}
