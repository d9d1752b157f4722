// Package social is the social sign-in flow aggregate: one browser's trip
// to an OpenID provider and back. Stream: social-<flow id>. The flow is
// started with a single-use state (claimed, so a callback finds its flow)
// and ends exactly once, signed in or refused. The first callback consumes
// the state before the code is used; a replayed one finds it consumed. Nothing secret is stored: the state is kept as its SHA-256 only.
package social

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names. Names are schema: never rename a stored type.
const (
	TypeStarted          = "social.sign_in_started"
	TypeCallbackReceived = "social.callback_received"
	TypeSucceeded        = "social.sign_in_succeeded"
	TypeFailed           = "social.sign_in_failed"
)

// Started records an authorization request sent to a provider: the state's
// SHA-256, where the browser goes afterwards, and until when the flow may
// complete. LinkPersonID is set for link-social: the signed-in person the
// provider's account is to be linked to. Method is "id_token" for a sign-in
// with an ID token the client obtained itself (no browser round trip),
// empty for the authorization code flow.
type Started struct {
	FlowID             string    `json:"flowId"`
	ProviderID         string    `json:"providerId"`
	StateHash          string    `json:"stateHash"`
	CallbackURL        string    `json:"callbackURL"`
	ErrorCallbackURL   string    `json:"errorCallbackURL,omitempty"`
	NewUserCallbackURL string    `json:"newUserCallbackURL,omitempty"`
	LinkPersonID       string    `json:"linkPersonId,omitempty"`
	Method             string    `json:"method,omitempty"`
	ExpiresAt          time.Time `json:"expiresAt"`
	At                 time.Time `json:"at"`
}

// CallbackReceived records that a callback consumed the flow's state:
// from here on only this callback may end the flow, and a replay or a
// concurrent duplicate of it is refused before the code is ever used.
type CallbackReceived struct {
	FlowID     string    `json:"flowId"`
	ProviderID string    `json:"providerId"`
	At         time.Time `json:"at"`
}

// Succeeded records a completed social sign-in that opened SessionID for
// PersonID through AccountID (no session for a link flow); NewUser when the sign-in created the person,
// Linked when it added the account to an existing person.
type Succeeded struct {
	FlowID     string    `json:"flowId"`
	ProviderID string    `json:"providerId"`
	PersonID   string    `json:"personId"`
	AccountID  string    `json:"accountId"`
	SessionID  string    `json:"sessionId"`
	NewUser    bool      `json:"newUser,omitempty"`
	Linked     bool      `json:"linked,omitempty"`
	At         time.Time `json:"at"`
}

// Failed is an audit event: the flow ended without a session. Reason is
// the code the browser is sent back with (state_mismatch, access_denied,
// invalid_code, account_not_linked, …); PersonID when one was concerned.
type Failed struct {
	FlowID     string    `json:"flowId"`
	ProviderID string    `json:"providerId"`
	PersonID   string    `json:"personId,omitempty"`
	Reason     string    `json:"reason"`
	At         time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Started) EventType() string { return TypeStarted }

// EventType implements domain.Event.
func (CallbackReceived) EventType() string { return TypeCallbackReceived }

// EventType implements domain.Event.
func (Succeeded) EventType() string { return TypeSucceeded }

// EventType implements domain.Event.
func (Failed) EventType() string { return TypeFailed }

// Events lists every event of this aggregate (zero values).
func Events() []domain.Event {
	return []domain.Event{Started{}, CallbackReceived{}, Succeeded{}, Failed{}}
}

// Stream returns the stream name of a flow.
func Stream(id string) string { return "social-" + id }

// Facts describes every event of this package for the audit surfaces.
func Facts() []domain.Facts {
	return []domain.Facts{
		{Event: Started{}, OWASP: "authn_login_start"},
		{Event: CallbackReceived{}, OWASP: "authn_login_callback"},
		{Event: Succeeded{}, Subject: domain.By(func(e Succeeded) string { return e.PersonID }),
			OWASP: "authn_login_success"},
		{Event: Failed{}, Subject: domain.By(func(e Failed) string { return e.PersonID }),
			Failure: true, OWASP: "authn_login_fail"},
	}
}
