package password

import (
	"fmt"

	"github.com/authledger/authledger/domain"
)

// Bounds a PHC string must respect (PHC spec "Argon2 encoding").
const (
	MinSaltLen = 8
	MaxSaltLen = 48
	MinKeyLen  = 12
	MaxKeyLen  = 64
)

// Params are the Argon2id cost parameters and output sizes.
type Params struct {
	// Memory is the memory cost in KiB (the PHC "m").
	Memory uint32
	// Time is the number of passes over memory (the PHC "t").
	Time uint32
	// Threads is the degree of parallelism (the PHC "p").
	Threads uint8
	// SaltLen is the length in bytes of freshly drawn salts.
	SaltLen uint32
	// KeyLen is the length in bytes of the derived key.
	KeyLen uint32
}

// DefaultParams returns OWASP's minimum Argon2id configuration (m=19 MiB,
// t=2, p=1) with a 16-byte salt and a 32-byte key. On a 2-core machine one
// hash takes about 44 ms and holds 19 MiB for that time.
func DefaultParams() Params {
	return Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// Validate reports whether p can be used to hash and whether the result can
// be read back by ParsePHC.
func (p Params) Validate() error {
	switch {
	case p.Time < 1:
		return invalidParams("time must be at least 1")
	case p.Threads < 1:
		return invalidParams("threads must be at least 1")
	case p.Memory < 8*uint32(p.Threads):
		return invalidParams("memory must be at least 8 KiB per thread")
	case p.SaltLen < MinSaltLen || p.SaltLen > MaxSaltLen:
		return invalidParams(fmt.Sprintf("salt length must be %d..%d bytes", MinSaltLen, MaxSaltLen))
	case p.KeyLen < MinKeyLen || p.KeyLen > MaxKeyLen:
		return invalidParams(fmt.Sprintf("key length must be %d..%d bytes", MinKeyLen, MaxKeyLen))
	}
	return nil
}

func invalidParams(msg string) error {
	return domain.Errorf(domain.CodeValidation, "argon2id params: "+msg)
}
