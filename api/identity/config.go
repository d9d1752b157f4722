package identity

import (
	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/signin"
)

// Config are the identity rules. Zero values take the defaults.
type Config struct {
	// PasswordPolicy checks new passwords (default password.DefaultPolicy:
	// 8–128 code points, the bundled blocklist, no context words).
	PasswordPolicy password.Policy
	// Lockout refuses verify-password after repeated failures (default
	// account.DefaultLockout: 10 failures, then 15 minutes).
	Lockout account.Lockout
	// Backoff throttles password sign-in per submitted address, known or
	// not (default signin.DefaultBackoff: 5 free failures, then 1 s
	// doubling, capped at 15 minutes).
	Backoff signin.Backoff
	// Fields are the additional user fields (Better Auth's
	// user.additionalFields); the platform role is always added.
	Fields domain.FieldSchema
	// Verification is email verification (nil: off): whether sign-in
	// needs a proven address, and the links sign-up and a refused
	// sign-in mail.
	Verification EmailVerifier
	// Hooks asks the operator's before-hook about sign-ups and sign-ins
	// (nil: no hook).
	Hooks *hooks.Guard
}

// Defaults returns c with the zero policy, lockout and backoff set to the defaults
// and the platform role added to the fields.
func (c Config) Defaults() Config {
	if c.PasswordPolicy.MaxLength == 0 && c.PasswordPolicy.MinLength == 0 {
		c.PasswordPolicy = password.DefaultPolicy()
	}
	if c.Lockout.Threshold == 0 {
		c.Lockout = account.DefaultLockout()
	}
	if c.Backoff.Base == 0 {
		c.Backoff = signin.DefaultBackoff()
	}
	c.Fields = append(domain.FieldSchema{domain.RoleField()}, c.Fields...)
	return c
}

// Validate checks the field schema (Defaults first).
func (c Config) Validate() error { return c.Fields.Validate() }
