// Package signin is the sign-in throttle: one stream per submitted
// address (signin-<keyed hash of the canonical address>), whether or not
// anyone owns the address, counting failed password sign-ins and deciding
// an exponential backoff from them. Known and unknown addresses append the
// same events and get the same answers, so the throttle tells no one who
// has an account, and it never locks anyone out: the backoff is capped and
// expires by itself. Its state is in the log, so every node sees it.
package signin

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names. Names are schema: never rename a stored type.
const (
	TypeFailed  = "signin.failed"
	TypeCleared = "signin.cleared"
)

// Failure reasons of Failed.
const (
	ReasonInvalid   = "invalid_credentials" // a wrong password or an unknown address
	ReasonThrottled = "throttled"           // an attempt during a backoff (no password checked)
)

// Clearing reasons of Cleared.
const (
	ReasonSignedIn      = "signed_in"
	ReasonPasswordReset = "password_reset"
)

// KeyKind is the purpose under which the address is keyed into the stream
// name and the events (an HMAC with the server's claim key, never the
// address itself).
const KeyKind = "signin"

// Stream returns the throttle stream of an address's keyed hash.
func Stream(addressHash string) string { return "signin-" + addressHash }

// Failed is an audit event: a password sign-in for the address failed (a
// wrong password or an address nobody owns: the same event for both), or
// was refused during a backoff. Failures counts consecutive failures
// including this one (a throttled attempt does not add to it).
type Failed struct {
	AddressHash string    `json:"addressHash"`
	Reason      string    `json:"reason"`
	Failures    int       `json:"failures"`
	At          time.Time `json:"at"`
}

// Cleared resets the address's count: a successful sign-in or a password
// reset. Failures is the count it cleared.
type Cleared struct {
	AddressHash string    `json:"addressHash"`
	Reason      string    `json:"reason"`
	Failures    int       `json:"failures"`
	At          time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Failed) EventType() string { return TypeFailed }

// EventType implements domain.Event.
func (Cleared) EventType() string { return TypeCleared }

// Events lists every event of this aggregate (zero values).
func Events() []domain.Event { return []domain.Event{Failed{}, Cleared{}} }

// Facts describes the events for the audit surfaces. They are about no
// person (the address may belong to nobody); the keyed hash links the
// attempts on one address.
func Facts() []domain.Facts {
	return []domain.Facts{
		{Event: Failed{}, Failure: true, OWASP: "authn_login_fail"},
		{Event: Cleared{}, OWASP: "authn_login_unlock"},
	}
}
