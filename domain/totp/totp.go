// Package totp is the time-based one-time password capability (RFC 6238
// over RFC 4226 HOTP, HMAC-SHA-1, 6 digits, 30-second steps: what
// authenticator apps and Better Auth's twoFactor plugin use) plus the
// backup codes that stand in for a lost authenticator. Pure helpers: the
// caller passes the clock and the randomness.
//
// The codes are computed and compared by github.com/pquerna/otp (its hotp
// package: HMAC, dynamic truncation and constant-time comparison); this
// package only fixes the parameters, draws and parses secrets, and walks
// the accepted window one step at a time so that the caller learns which
// step matched.
//
// Accepted window: exactly one step either side of the current one
// (current-1, current, current+1), so a code stays valid for 60 to 90
// seconds and small clock drift is tolerated. Replay protection is the
// caller's: Match returns the matched step, and the two-factor aggregate
// refuses a step at or below the last one it accepted. The library's own
// totp.Validate is not used because it reports only whether some step of
// its window matched, not which one, and replay protection needs the step.
//
// URI is written here rather than taken from the library's totp.Generate:
// Better Auth's client and existing enrolments expect its exact otpauth
// form (label issuer:account, parameters secret, issuer, digits, period in
// that order, no algorithm parameter), which the library orders otherwise.
package totp

import (
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
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

// opts are the library options for digits-digit HMAC-SHA-1 codes.
func opts(digits int) hotp.ValidateOpts {
	return hotp.ValidateOpts{Digits: otp.Digits(digits), Algorithm: otp.AlgorithmSHA1}
}

// HOTP returns the RFC 4226 code of key at counter with digits digits,
// computed by the library.
func HOTP(key []byte, counter uint64, digits int) string {
	code, err := hotp.GenerateCodeCustom(b32.EncodeToString(key), counter, opts(digits))
	if err != nil {
		// Unreachable: the library fails only on bad base32, and the
		// secret was encoded just above.
		panic("totp: " + err.Error())
	}
	return code
}

// Code returns the 6-digit code of key at step.
func Code(key []byte, step int64) string { return HOTP(key, uint64(step), Digits) }

// Match checks code against the steps now-Window … now+Window and returns
// the step it matched. Each step is validated by the library's HOTP API,
// which compares in constant time, and every step of the window is
// checked even after a match, so timing does not tell which step matched.
func Match(key []byte, code string, now time.Time) (step int64, ok bool) {
	if len(code) != Digits {
		return 0, false
	}
	secret, cur := b32.EncodeToString(key), Step(now)
	for d := int64(-Window); d <= Window; d++ {
		valid, err := hotp.ValidateCustom(code, uint64(cur+d), secret, opts(Digits))
		if err == nil && valid && !ok {
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
