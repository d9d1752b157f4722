package sqlite

import (
	"errors"
	"fmt"

	"github.com/authledger/authledger/eventstore"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// isCheckFailure reports errors that fail one job but leave the batch
// transaction usable: version, claim and new-key checks, and constraint violations
// (SQLite rolls back only the failing statement).
func isCheckFailure(err error) bool {
	return errors.Is(err, eventstore.ErrWrongExpectedVersion) || errors.Is(err, eventstore.ErrClaimTaken) ||
		errors.Is(err, eventstore.ErrInvalidAppend) || errors.Is(err, eventstore.ErrKeyExists) || sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT
}

// sqliteCode returns the primary SQLite result code in err's chain, or 0.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

// mapErr wraps transient storage failures (locked, busy, I/O, disk full)
// with eventstore.ErrUnavailable so the API answers 503.
func mapErr(err error) error {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL,
		sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w: %w", eventstore.ErrUnavailable, err)
	}
	return err
}
