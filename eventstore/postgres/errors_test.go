package postgres

import (
	"errors"
	"fmt"
	"io"
	"syscall"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5/pgconn"
)

func TestMapErr(t *testing.T) {
	pg := func(code, constraint string) error {
		return fmt.Errorf("postgres: append: %w", &pgconn.PgError{Severity: "ERROR", Code: code, ConstraintName: constraint})
	}
	tests := []struct {
		name string
		err  error
		want error // nil: passed through unchanged
	}{
		{"concurrent writer took the version", pg("23505", "events_stream_version"), eventstore.ErrWrongExpectedVersion},
		{"other unique violation", pg("23505", "claims_pkey"), nil},
		{"NUL in text", pg("22021", ""), eventstore.ErrInvalidAppend},
		{"untranslatable character", pg("22P05", ""), eventstore.ErrInvalidAppend},
		{"admin shutdown", pg("57P01", ""), eventstore.ErrUnavailable},
		{"crash shutdown", pg("57P02", ""), eventstore.ErrUnavailable},
		{"cannot connect now", pg("57P03", ""), eventstore.ErrUnavailable},
		{"connection failure", pg("08006", ""), eventstore.ErrUnavailable},
		{"too many connections", pg("53300", ""), eventstore.ErrUnavailable},
		{"statement timeout", pg("57014", ""), eventstore.ErrUnavailable},
		{"lock timeout", pg("55P03", ""), eventstore.ErrUnavailable},
		{"idle in transaction timeout", pg("25P03", ""), eventstore.ErrUnavailable},
		{"deadlock", pg("40P01", ""), eventstore.ErrUnavailable},
		{"serialization failure", pg("40001", ""), eventstore.ErrUnavailable},
		{"disk full", pg("53100", ""), eventstore.ErrUnavailable},
		{"undefined table", pg("42P01", ""), nil},
		{"unexpected EOF", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), eventstore.ErrUnavailable},
		{"connection reset", fmt.Errorf("read: %w", syscall.ECONNRESET), eventstore.ErrUnavailable},
		{"connection refused", fmt.Errorf("dial: %w", syscall.ECONNREFUSED), eventstore.ErrUnavailable},
		{"closed connection", fmt.Errorf("begin: %w", pgconn.ErrConnClosed), eventstore.ErrUnavailable},
		{"conflict naming a stream \"conn closed\"", fmt.Errorf("%w: stream \"conn closed\"", eventstore.ErrWrongExpectedVersion), eventstore.ErrWrongExpectedVersion},
		{"already unavailable", fmt.Errorf("x: %w", eventstore.ErrUnavailable), eventstore.ErrUnavailable},
		{"plain bug", errors.New("cannot encode"), nil},
	}
	for _, tt := range tests {
		got := mapErr(tt.err)
		if !errors.Is(got, tt.err) {
			t.Errorf("%s: mapErr(%v) = %v, which loses the original error", tt.name, tt.err, got)
		}
		for _, sentinel := range []error{eventstore.ErrWrongExpectedVersion, eventstore.ErrInvalidAppend, eventstore.ErrUnavailable} {
			if is, want := errors.Is(got, sentinel), sentinel == tt.want; is != want && !errors.Is(tt.err, sentinel) {
				t.Errorf("%s: errors.Is(mapErr(err), %v) = %v, want %v", tt.name, sentinel, is, want)
			}
		}
	}
	if mapErr(nil) != nil {
		t.Error("mapErr(nil) != nil")
	}
}

func TestCheckSchema(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", DefaultSchema, true},
		{"eventstore", "eventstore", true},
		{"es_test_0a1b", "es_test_0a1b", true},
		{"_x", "_x", true},
		{"1abc", "", false},
		{"Upper", "", false},
		{"a-b", "", false},
		{"a.b", "", false},
		{`a"b`, "", false},
		{"a b", "", false},
	}
	for _, tt := range tests {
		got, err := checkSchema(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("checkSchema(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	if n := len(appName(string(make([]byte, 63)))); n != 63 {
		t.Errorf("appName of a 63-byte schema has %d bytes, want 63", n)
	}
}
