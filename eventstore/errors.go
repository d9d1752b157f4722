package eventstore

import (
	"errors"

	"github.com/authledger/authledger/domain"
)

// Errors returned by every adapter; test them with errors.Is.
var (
	// ErrWrongExpectedVersion: a stream was not at the expected version.
	ErrWrongExpectedVersion = errors.New("eventstore: wrong expected version")
	// ErrClaimTaken: a claim is already owned by another stream.
	ErrClaimTaken = errors.New("eventstore: claim taken")
	// ErrClaimNotFound: no stream owns the claim.
	ErrClaimNotFound = errors.New("eventstore: claim not found")
	// ErrKeyNotFound: the subject has no data key (never created, or erased).
	ErrKeyNotFound = errors.New("eventstore: data key not found")
	// ErrInvalidAppend: the request is malformed (empty stream, no events
	// and no claims, bad expected version).
	ErrInvalidAppend = errors.New("eventstore: invalid append")
	// ErrUnavailable wraps transient storage failures (database down, busy);
	// the API answers 503.
	ErrUnavailable = domain.ErrUnavailable
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("eventstore: closed")
)
