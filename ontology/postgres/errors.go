package postgres

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5/pgconn"
)

// mapErr classifies a driver error: connection loss, server shutdown,
// resource exhaustion, lock and serialization failures wrap
// domain.ErrUnavailable (callers retry them); data exceptions wrap
// ontology.ErrBadRow. Anything else is returned as is.
func mapErr(err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch class := pe.Code[:2]; {
		case class == "22":
			return fmt.Errorf("%w: %w", ontology.ErrBadRow, err)
		case class == "08", class == "53", class == "57", class == "40", pe.Code == "55P03":
			return fmt.Errorf("%w: %w", domain.ErrUnavailable, err)
		}
		return err
	}
	var ne net.Error
	if errors.As(err, &ne) || pgconn.SafeToRetry(err) || pgconn.Timeout(err) || isConnectError(err) {
		return fmt.Errorf("%w: %w", domain.ErrUnavailable, err)
	}
	return err
}

// isConnectError reports a failure to reach the server.
func isConnectError(err error) bool {
	var ce *pgconn.ConnectError
	return errors.As(err, &ce) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// Advisory lock purposes; lockKey turns one and a schema into a key.
const (
	lockMigrate = "migrate" // schema changes: Migrate, Stage, Promote
	lockWriter  = "writer"  // live write transactions and Promote
	lockStaging = "staging" // staging transactions, Stage, Promote, Discard
)

// lockSQL takes a transaction-scoped advisory lock.
const lockSQL = "SELECT pg_advisory_xact_lock($1)"

// lockKey returns the advisory lock key of purpose on schema, the same in
// every process.
func lockKey(schema, purpose string) int64 {
	h := fnv.New64a()
	h.Write([]byte("authledger/ontology/" + schema + "/" + purpose))
	return int64(h.Sum64())
}
