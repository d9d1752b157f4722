package hooks

import (
	"context"
	"regexp"
	"strings"
	"unicode"

	"github.com/authledger/authledger/domain"
)

// Kind names a hook point. Kinds are part of the hook's wire contract.
type Kind string

// The hook points.
const (
	SignUp             Kind = "sign-up"
	SignIn             Kind = "sign-in"
	OrganizationCreate Kind = "organization.create"
)

// Kinds lists every hook point.
func Kinds() []Kind { return []Kind{SignUp, SignIn, OrganizationCreate} }

// ProviderCredential is Request.Provider for email and password.
const ProviderCredential = "credential"

// Request is what a hook is asked. Email and Name are the person's (on
// sign-up, as submitted); UserID is set once a person exists (sign-in,
// organization creation); Provider is "credential" or the social
// provider's id; Fields are the additional user fields a sign-up submitted;
// Organization is the organization to create.
type Request struct {
	Kind         Kind           `json:"kind"`
	UserID       string         `json:"userId,omitempty"`
	Email        string         `json:"email,omitempty"`
	Name         string         `json:"name,omitempty"`
	Provider     string         `json:"provider,omitempty"`
	Fields       map[string]any `json:"fields,omitempty"`
	Organization *Organization  `json:"organization,omitempty"`
	IP           string         `json:"ip,omitempty"`
	UserAgent    string         `json:"userAgent,omitempty"`
}

// Organization is the organization a creation hook is asked about.
type Organization struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// Decision is a hook's answer. A refusal may name its status (400 or
// 403, default 403), code and message; an allowance may carry Fields,
// values for declared additional user fields (sign-up only).
type Decision struct {
	Allow   bool
	Status  int
	Code    string
	Message string
	Fields  map[string]any
}

// Before is the port the operator's hook is reached through. Check
// returns an error when the hook cannot answer (timeout, transport error,
// non-2xx, an answer that is not a decision); the Guard then applies the
// fail-open or fail-closed policy.
type Before interface {
	Check(ctx context.Context, req Request) (Decision, error)
}

// Codes of the refusals the server itself makes.
const (
	// CodeHookUnavailable refuses an action when the hook cannot answer and
	// the server fails closed.
	CodeHookUnavailable domain.Code = "BEFORE_HOOK_UNAVAILABLE"
	// CodeHookRefused is a refusal's code when the hook names none.
	CodeHookRefused domain.Code = "REFUSED_BY_HOOK"
)

// Refusal is the error a refused action returns: Better Auth's APIError
// with the hook's status, code and message. The HTTP layer answers it as
// is.
type Refusal struct {
	Status  int
	Code    domain.Code
	Message string
}

// Error implements error.
func (r *Refusal) Error() string { return string(r.Code) + ": " + r.Message }

// Bounds and shapes of what a hook may say to the client.
const (
	maxMessage = 300
	defaultMsg = "Refused"
)

// validCode is a hook's error code: Better Auth's upper-case style.
var validCode = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,63}$`)

// refusalOf turns a refusing decision into the client's error: status 400
// or 403 (anything else 403), a code in Better Auth's style (else
// REFUSED_BY_HOOK), a printable message of at most 300 characters (else
// "Refused").
func refusalOf(d Decision) *Refusal {
	r := &Refusal{Status: 403, Code: CodeHookRefused, Message: defaultMsg}
	if d.Status == 400 {
		r.Status = 400
	}
	if validCode.MatchString(d.Code) {
		r.Code = domain.Code(d.Code)
	}
	if m := cleanMessage(d.Message); m != "" {
		r.Message = m
	}
	return r
}

// cleanMessage drops control characters and bounds the length.
func cleanMessage(s string) string {
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s))
	if r := []rune(s); len(r) > maxMessage {
		s = string(r[:maxMessage])
	}
	return s
}
