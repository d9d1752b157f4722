package passkeys

import (
	"context"
	"errors"

	"github.com/authledger/authledger/domain/passkey"
	"github.com/authledger/authledger/eventstore"
)

// challengeClaim claims the ceremony's challenge for one attempt (owner
// unique per attempt: a claim owned by the same owner could be retaken).
func (s *Service) challengeClaim(cer passkey.Ceremony, attemptID string) eventstore.Claim {
	return s.app.Claim(claimChallenge, cer.Challenge(), "passkey-ceremony-"+attemptID)
}

// fresh refuses a challenge that already completed a ceremony before any
// verification work (the claim taken with the result stays the guarantee
// under races).
func (s *Service) fresh(ctx context.Context, cer passkey.Ceremony) error {
	used, err := s.challengeUsed(ctx, cer)
	if err != nil {
		return err
	}
	if used {
		return ErrChallengeUsed
	}
	return nil
}

// challengeUsed reports whether the ceremony's challenge is claimed.
func (s *Service) challengeUsed(ctx context.Context, cer passkey.Ceremony) (bool, error) {
	_, err := s.app.Owner(ctx, claimChallenge, cer.Challenge())
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return false, nil
	}
	return err == nil, err
}

// claimError turns a taken claim into its answer: the challenge was used
// already, or else the other claim (the credential) was taken.
func (s *Service) claimError(ctx context.Context, cer passkey.Ceremony, err, other error) error {
	if !errors.Is(err, eventstore.ErrClaimTaken) {
		return err
	}
	used, lerr := s.challengeUsed(ctx, cer)
	switch {
	case lerr != nil:
		return lerr
	case used:
		return ErrChallengeUsed
	}
	return other
}
