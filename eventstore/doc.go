// Package eventstore defines the event store contract every adapter
// (memory, sqlite, postgres, kurrentdb) satisfies, the Record envelope, the
// global Position, expected-version rules, uniqueness claims, the explicit
// codec registry with PII sealing, and the generic load→decide→append Handle.
package eventstore
