// Package eventstore defines the event store contract every adapter
// (memory, sqlite, postgres, kurrentdb) satisfies, the Record envelope, the
// global Position, expected-version rules, uniqueness claims, the explicit
// codec registry with PII sealing, and the generic load→decide→append Handle.
//
// What is written here rather than taken from a library: the contract
// itself (expected versions and uniqueness claims taken or released in the
// same transaction as the append, which every adapter must honour and no
// event-store library offers across SQLite, PostgreSQL and memory alike),
// and the sealed-field envelope ("sealed:v1:" base64 of nonce and
// ciphertext, the key reference and JSON path as associated data). The cryptography under
// it is the standard library's AES-256-GCM and golang.org/x/crypto/hkdf.
package eventstore
