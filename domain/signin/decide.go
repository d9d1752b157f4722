package signin

import (
	"fmt"
	"time"

	"github.com/authledger/authledger/domain"
)

// State is an address's throttle folded from its stream.
type State struct {
	// Failures counts consecutive failed sign-ins since the last clearing.
	Failures      int
	LastFailureAt time.Time
}

// Evolve folds one event into the state.
func Evolve(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case Failed:
		if e.Reason != ReasonThrottled {
			s.Failures, s.LastFailureAt = e.Failures, e.At
		}
	case Cleared:
		s = State{}
	}
	return s
}

// Check asks whether a sign-in may check a password now; during a backoff
// the decider refuses with a *ThrottledError and the audit event.
type Check struct {
	AddressHash string
	Backoff     Backoff
	At          time.Time
}

// Fail records a failed password check (wrong password or unknown address).
type Fail struct {
	AddressHash string
	At          time.Time
}

// Clear resets the count (nothing to append when it is already zero).
type Clear struct {
	AddressHash string
	Reason      string
	At          time.Time
}

// Command is any throttle command.
type Command interface{ isSignInCommand() }

func (Check) isSignInCommand() {}
func (Fail) isSignInCommand()  {}
func (Clear) isSignInCommand() {}

// NewDecider returns the throttle decider.
func NewDecider() domain.Decider[State, Command] {
	return domain.Decider[State, Command]{Decide: Decide, Evolve: Evolve}
}

// Decide turns a command into events. A refused Check comes with its audit
// event: callers append it, then return the error.
func Decide(s State, c Command) ([]domain.Event, error) {
	switch c := c.(type) {
	case Check:
		if wait := c.Backoff.Wait(s, c.At); wait > 0 {
			return []domain.Event{Failed{AddressHash: c.AddressHash, Reason: ReasonThrottled, Failures: s.Failures, At: c.At}},
				&ThrottledError{RetryIn: wait}
		}
		return nil, nil
	case Fail:
		return []domain.Event{Failed{AddressHash: c.AddressHash, Reason: ReasonInvalid, Failures: s.Failures + 1, At: c.At}}, nil
	case Clear:
		if s.Failures == 0 {
			return nil, nil
		}
		return []domain.Event{Cleared{AddressHash: c.AddressHash, Reason: c.Reason, Failures: s.Failures, At: c.At}}, nil
	}
	return nil, domain.Errorf(domain.CodeInternal, "signin: unknown command")
}

// ErrThrottled is the answer during a backoff, the same for every address
// (HTTP 429); a *ThrottledError wraps it with the time left.
var ErrThrottled = domain.Errorf(domain.CodeAccountLocked, "Too many failed attempts. Try again later.")

// ThrottledError is ErrThrottled with how long the backoff still runs.
type ThrottledError struct {
	RetryIn time.Duration
}

// Error implements error.
func (e *ThrottledError) Error() string {
	return fmt.Sprintf("%s (retry in %s)", ErrThrottled.Error(), e.RetryIn)
}

// Unwrap makes errors.Is(err, ErrThrottled) and domain.CodeOf work.
func (e *ThrottledError) Unwrap() error { return ErrThrottled }

// RetryAfter is the time left, for a Retry-After header.
func (e *ThrottledError) RetryAfter() time.Duration { return e.RetryIn }
