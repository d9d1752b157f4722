// Package totp is the time-based one-time password capability (RFC 6238
// over RFC 4226 HOTP, HMAC-SHA-1, 6 digits, 30-second steps: what
// authenticator apps and Better Auth's twoFactor plugin use) plus the
// backup codes that stand in for a lost authenticator. Pure helpers: the
// caller passes the clock and the randomness.
//
// Accepted window: exactly one step either side of the current one
// (current-1, current, current+1), so a code stays valid for 60 to 90
// seconds and small clock drift is tolerated. Replay protection is the
// caller's: Match returns the matched step, and the two-factor aggregate
// refuses a step at or below the last one it accepted.
package totp

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // RFC 6238 default and what authenticator apps support
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
)

// Parameters of the codes (fixed: the authenticator apps' defaults).
const (
	Digits     = 6
	Period     = 30 * time.Second
	SecretSize = 20 // bytes: 160 bits, RFC 4226's recommended length
	// Window is how many steps either side of now a code is accepted.
	Window = 1
)

// ErrBadSecret reports a secret that is not unpadded base32 of at least
// SecretSize bytes.
var ErrBadSecret = errors.New("totp: bad secret")

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewSecret draws a SecretSize-byte secret from r (crypto/rand in
// production) and returns it in unpadded base32, the otpauth form.
func NewSecret(r io.Reader) (string, error) {
	b := make([]byte, SecretSize)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("totp: secret: %w", err)
	}
	return b32.EncodeToString(b), nil
}

// DecodeSecret parses an unpadded (or padded) base32 secret, case and
// spaces ignored, and refuses secrets shorter than SecretSize bytes.
func DecodeSecret(s string) ([]byte, error) {
	s = strings.TrimRight(strings.ToUpper(strings.ReplaceAll(s, " ", "")), "=")
	b, err := b32.DecodeString(s)
	if err != nil || len(b) < SecretSize {
		return nil, ErrBadSecret
	}
	return b, nil
}

// Step returns the RFC 6238 time step of t.
func Step(t time.Time) int64 { return t.Unix() / int64(Period/time.Second) }

// HOTP returns the RFC 4226 code of key at counter with digits digits.
func HOTP(key []byte, counter uint64, digits int) string {
	m := hmac.New(sha1.New, key)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

// Code returns the 6-digit code of key at step.
func Code(key []byte, step int64) string { return HOTP(key, uint64(step), Digits) }

// Match checks code against the steps now-Window … now+Window and returns
// the step it matched. Every candidate is computed and compared in
// constant time, so timing does not tell which step matched.
func Match(key []byte, code string, now time.Time) (step int64, ok bool) {
	if len(code) != Digits {
		return 0, false
	}
	cur := Step(now)
	for d := int64(-Window); d <= Window; d++ {
		if subtle.ConstantTimeCompare([]byte(Code(key, cur+d)), []byte(code)) == 1 && !ok {
			step, ok = cur+d, true
		}
	}
	return step, ok
}

// URI returns the otpauth:// provisioning URI authenticator apps scan, in
// Better Auth's form: otpauth://totp/<issuer>:<account>?secret=…&issuer=…&digits=6&period=30.
func URI(issuer, account, secret string) string {
	label := url.PathEscape(issuer) + ":" + url.PathEscape(account)
	if issuer == "" {
		label = url.PathEscape(account)
	}
	q := "secret=" + secret + "&issuer=" + url.QueryEscape(issuer) + "&digits=6&period=30"
	return "otpauth://totp/" + label + "?" + q
}
