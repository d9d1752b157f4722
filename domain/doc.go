// Package domain holds authledger's vocabulary: identifiers, coded errors,
// the event and decider shapes shared by every aggregate, and small value
// objects. It imports the standard library only; aggregates live in
// sub-packages (person, account, session, …) and stay pure: no I/O, clock,
// randomness or logging.
package domain
