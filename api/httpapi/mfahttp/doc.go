// Package mfahttp is the HTTP face of two-factor (api/mfa): Better Auth's
// twoFactor routes under /api/auth/two-factor/ and the two signed cookies
// that carry its state between requests — two_factor, the pending sign-in
// challenge, and trust_device, a device that may skip the second step.
// This package signs and parses those cookies; what their values mean (is
// the challenge live, is the device trusted for this person) is decided by
// the use cases. Each handler decodes, calls one use case and encodes.
package mfahttp
