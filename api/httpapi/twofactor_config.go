package httpapi

import (
	"time"

	"github.com/authledger/authledger/domain/twofactor"
)

// Two-factor defaults (Better Auth's).
const (
	// DefaultTwoFactorChallengeAge is the life of the two_factor cookie.
	DefaultTwoFactorChallengeAge = 10 * time.Minute
	// DefaultTrustDeviceAge is the life of a trusted-device cookie.
	DefaultTrustDeviceAge = 30 * 24 * time.Hour
	// DefaultFreshAge is how recent a session must be to disable 2FA.
	DefaultFreshAge = 24 * time.Hour
)

// TwoFactorConfig configures the two-factor routes. Zero values take the
// defaults.
type TwoFactorConfig struct {
	// Issuer names the app in authenticator apps (default "authledger";
	// the enable body's issuer overrides it).
	Issuer string
	// Lockout limits failed codes per person: default 10 then 15 minutes;
	// a Threshold above twofactor.MaxThreshold (100) is capped to it.
	Lockout twofactor.Lockout
	// ChallengeAge, TrustDeviceAge and FreshAge override the defaults above.
	ChallengeAge   time.Duration
	TrustDeviceAge time.Duration
	FreshAge       time.Duration
}

func (t TwoFactorConfig) issuer() string {
	if t.Issuer == "" {
		return "authledger"
	}
	return t.Issuer
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func (t TwoFactorConfig) challengeAge() time.Duration {
	return orDefault(t.ChallengeAge, DefaultTwoFactorChallengeAge)
}

func (t TwoFactorConfig) trustAge() time.Duration {
	return orDefault(t.TrustDeviceAge, DefaultTrustDeviceAge)
}

func (t TwoFactorConfig) freshAge() time.Duration { return orDefault(t.FreshAge, DefaultFreshAge) }
