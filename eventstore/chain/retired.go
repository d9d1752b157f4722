package chain

import (
	"crypto/ed25519"
	"time"
)

// RetiredKey is a checkpoint signing key that was replaced: its public
// half still verifies the checkpoints it signed, those signed (Checkpoint
// Time, which the signature covers) up to Until, and no later one.
type RetiredKey struct {
	Public ed25519.PublicKey
	Until  time.Time
}

// valid reports whether cp verifies with the current key or with a key
// that was current when cp was signed.
func (v *verifier) valid(cp Checkpoint) bool {
	if cp.Valid(v.pub) {
		return true
	}
	for _, r := range v.retired {
		if !cp.Time.After(r.Until) && cp.Valid(r.Public) {
			return true
		}
	}
	return false
}
