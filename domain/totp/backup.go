package totp

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

// BackupCodeCount is how many backup codes a set holds (Better Auth's 10).
const BackupCodeCount = 10

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// NewBackupCodes draws n codes of the form xxxxx-xxxxx over [A-Za-z0-9]
// from r: 10 characters of 62, about 59.5 bits each, without modulo bias.
func NewBackupCodes(r io.Reader, n int) ([]string, error) {
	out := make([]string, n)
	buf := make([]byte, 1)
	for i := range out {
		var b strings.Builder
		for b.Len() < 11 {
			if b.Len() == 5 {
				b.WriteByte('-')
				continue
			}
			if _, err := io.ReadFull(r, buf); err != nil {
				return nil, fmt.Errorf("totp: backup code: %w", err)
			}
			if buf[0] >= 248 { // 248 = 4*62: reject to keep the draw uniform
				continue
			}
			b.WriteByte(alphabet[buf[0]%62])
		}
		out[i] = b.String()
	}
	return out, nil
}

// HashBackupCode is the stored form of a backup code: hex SHA-256. A fast
// hash is enough here: the codes are ~59 bits of server-drawn randomness
// (not human-chosen), so an offline search of 2^59 SHA-256 is out of
// reach, and Argon2 would cost ~10 verifications per request for no gain.
func HashBackupCode(code string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(code)))
	return hex.EncodeToString(sum[:])
}

// ValidBackupCode reports whether s has the xxxxx-xxxxx shape.
func ValidBackupCode(s string) bool {
	if len(s) != 11 || s[5] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 5 && !strings.ContainsRune(alphabet, rune(s[i])) {
			return false
		}
	}
	return true
}
