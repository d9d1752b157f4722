package mfa

import (
	"time"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/domain/twofactor"
)

// Two-factor defaults (Better Auth's).
const (
	// DefaultChallengeAge is the life of a pending sign-in challenge.
	DefaultChallengeAge = 10 * time.Minute
	// DefaultTrustDeviceAge is the life of a trusted device.
	DefaultTrustDeviceAge = 30 * 24 * time.Hour
	// DefaultIssuer names the app in authenticator apps.
	DefaultIssuer = "authledger"
	// DefaultOTPSubject is the subject of an emailed sign-in code.
	DefaultOTPSubject = "Your sign-in code"
)

// Config configures two-factor. Zero values take the defaults.
type Config struct {
	// Issuer names the app in authenticator apps (default "authledger";
	// an enable request's issuer overrides it).
	Issuer string
	// Lockout limits failed codes per person: default 10 then 15 minutes;
	// a Threshold above twofactor.MaxThreshold (100) is capped to it.
	Lockout twofactor.Lockout
	// ChallengeAge and TrustDeviceAge override the defaults above. (How
	// fresh a session must be to disable two-factor is the sessions'
	// FreshAge.)
	ChallengeAge   time.Duration
	TrustDeviceAge time.Duration
	// Mailer delivers the codes of the otp method (send-otp) through the
	// outbox mailer (api/mailer), after the commit; nil: the
	// method is not offered and send-otp answers OTP_NOT_CONFIGURED.
	Mailer mail.Sender
	// OTPSubject is the subject of those emails (default
	// DefaultOTPSubject).
	OTPSubject string
}

// Defaults returns c with every zero or negative value set to its default
// (the lockout is left to the two-factor decider, which has its own).
func (c Config) Defaults() Config {
	if c.Issuer == "" {
		c.Issuer = DefaultIssuer
	}
	if c.OTPSubject == "" {
		c.OTPSubject = DefaultOTPSubject
	}
	c.ChallengeAge = orDefault(c.ChallengeAge, DefaultChallengeAge)
	c.TrustDeviceAge = orDefault(c.TrustDeviceAge, DefaultTrustDeviceAge)
	return c
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
