package postgres

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5/pgconn"
)

// sqlState returns the SQLSTATE of a server error in err's chain, or "".
func sqlState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

// mapErr classifies a database error:
//   - a unique violation on (stream, version) means a concurrent writer
//     won: ErrWrongExpectedVersion;
//   - text PostgreSQL cannot store (a NUL byte, invalid UTF-8) or a value
//     too large: ErrInvalidAppend;
//   - anything transient wraps ErrUnavailable (the API answers 503): lost
//     or refused connections (SQLSTATE class 08, 57P01 admin shutdown and
//     the other 57P0x, network errors), exhausted resources (53), system
//     errors (58), statement, lock and idle-in-transaction timeouts (57014,
//     55P03, 25P03), deadlocks and serialization failures left after
//     retries (40001, 40P01).
//
// Other errors (bugs, a missing schema) pass through unchanged.
func mapErr(err error) error {
	if err == nil || errors.Is(err, eventstore.ErrUnavailable) || errors.Is(err, eventstore.ErrWrongExpectedVersion) ||
		errors.Is(err, eventstore.ErrClaimTaken) || errors.Is(err, eventstore.ErrInvalidAppend) ||
		errors.Is(err, eventstore.ErrKeyExists) {
		return err
	}
	if code := sqlState(err); code != "" {
		switch {
		case code == "23505" && constraint(err) == "events_stream_version":
			return fmt.Errorf("%w: %w", eventstore.ErrWrongExpectedVersion, err)
		case code == "22021", code == "22P05", code == "54000":
			return fmt.Errorf("%w: %w", eventstore.ErrInvalidAppend, err)
		case transientState(code):
			return fmt.Errorf("%w: %w", eventstore.ErrUnavailable, err)
		}
		return err
	}
	if lostConnection(err) {
		return fmt.Errorf("%w: %w", eventstore.ErrUnavailable, err)
	}
	return err
}

func constraint(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.ConstraintName
	}
	return ""
}

// transientState reports SQLSTATEs that say "try again later".
func transientState(code string) bool {
	switch {
	case strings.HasPrefix(code, "08"), strings.HasPrefix(code, "53"), strings.HasPrefix(code, "58"),
		strings.HasPrefix(code, "57P"):
		return true
	}
	switch code {
	case "57014", "55P03", "25P03", "40001", "40P01":
		return true
	}
	return false
}

// lostConnection reports client-side connection failures: the dial failed,
// the socket broke, or the server closed the connection.
func lostConnection(err error) bool {
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	switch {
	case errors.As(err, &connectErr), errors.As(err, &netErr), pgconn.SafeToRetry(err),
		errors.Is(err, pgconn.ErrConnClosed), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNREFUSED):
		return true
	}
	return false
}
