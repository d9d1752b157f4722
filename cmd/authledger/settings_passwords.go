package main

import (
	"math"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/signin"
)

// hashing parses the Argon2id cost and the bound on concurrent hashes;
// --max-hashes 0 means 2 × CPUs.
func (p *settingsParser) hashing() (password.Params, int) {
	before := len(p.errs)
	params := password.DefaultParams()
	params.Memory = uint32(p.int("argon2-memory", 1, math.MaxUint32))
	params.Time = uint32(p.int("argon2-time", 1, math.MaxUint32))
	params.Threads = uint8(p.int("argon2-parallelism", 1, math.MaxUint8))
	if err := params.Validate(); len(p.errs) == before && err != nil {
		p.fail("argon2-memory", "does not fit --argon2-time and --argon2-parallelism: %v", err)
	}
	n := int(p.int("max-hashes", 0, math.MaxInt32))
	if n == 0 {
		n = 2 * numCPU()
	}
	return params, n
}

// passwordPolicy parses the password lengths (0 means the default) and the
// least strength score (0 turns the estimate off) over the default policy
// (blocklist and context words on).
func (p *settingsParser) passwordPolicy() password.Policy {
	before := len(p.errs)
	pol := password.DefaultPolicy()
	pol.MinLength = int(p.int("password-min", 0, math.MaxInt32))
	pol.MaxLength = int(p.int("password-max", 0, math.MaxInt32))
	if pol.MinScore = int(p.int("password-min-score", 0, 4)); pol.MinScore == 0 {
		pol.MinScore = -1 // the policy's "estimate off"; its 0 is the default score
	}
	lo, hi := orDefault(pol.MinLength, password.DefaultMinLength), orDefault(pol.MaxLength, password.DefaultMaxLength)
	if len(p.errs) == before && lo > hi {
		p.fail("password-min", "(%d) must not exceed --password-max (%d)", lo, hi)
	}
	return pol
}

// signInBackoff parses the per-address sign-in backoff: free failures,
// the first wait and its cap.
func (p *settingsParser) signInBackoff() signin.Backoff {
	before := len(p.errs)
	b := signin.Backoff{Free: int(p.int("signin-free-failures", 0, 1000)),
		Base: p.duration("signin-backoff"), Max: p.duration("signin-backoff-max")}
	if len(p.errs) == before && b.Max < b.Base {
		p.fail("signin-backoff-max", "(%s) must not be below --signin-backoff (%s)", b.Max, b.Base)
	}
	return b
}

// orDefault is n, or def when n is 0.
func orDefault(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// userFields parses and checks --user-fields (names, types, defaults).
func (p *settingsParser) userFields() domain.FieldSchema {
	fields, err := parseFields(p.str("user-fields"))
	if err != nil {
		p.failed(err)
		return nil
	}
	if err := fields.Validate(); err != nil {
		p.fail("user-fields", "%v", err)
		return nil
	}
	return fields
}
