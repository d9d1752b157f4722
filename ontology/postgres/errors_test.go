package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5/pgconn"
)

func TestMapErr(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want error // nil: returned unchanged
	}{
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, domain.ErrUnavailable},
		{"connection failure", &pgconn.PgError{Code: "08006"}, domain.ErrUnavailable},
		{"too many connections", &pgconn.PgError{Code: "53300"}, domain.ErrUnavailable},
		{"deadlock", &pgconn.PgError{Code: "40P01"}, domain.ErrUnavailable},
		{"lock timeout", &pgconn.PgError{Code: "55P03"}, domain.ErrUnavailable},
		{"bad encoding", &pgconn.PgError{Code: "22021"}, ontology.ErrBadRow},
		{"connection lost", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), domain.ErrUnavailable},
		{"syntax error", &pgconn.PgError{Code: "42601"}, nil},
		{"canceled", context.Canceled, nil},
	}
	for _, tt := range tests {
		got := mapErr(tt.err)
		if !errors.Is(got, tt.err) {
			t.Errorf("%s: mapErr lost the cause: %v", tt.name, got)
		}
		if tt.want == nil && got != tt.err || tt.want != nil && !errors.Is(got, tt.want) {
			t.Errorf("%s: mapErr = %v, want %v", tt.name, got, tt.want)
		}
	}
	if mapErr(nil) != nil {
		t.Error("mapErr(nil) != nil")
	}
}

// TestLostConnectionIsUnavailable: a transaction whose connection dies
// reports domain.ErrUnavailable, which the projections runner retries.
func TestLostConnectionIsUnavailable(t *testing.T) {
	s := openTest(t)
	ctx := t.Context()
	w, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Checkpoint(ctx, "x.v1"); err != nil {
		t.Fatal(err)
	}
	pid := w.(*tx).tx.Conn().PgConn().PID()
	if _, err := s.pool.Exec(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
		t.Fatal(err)
	}
	_, err = w.Checkpoint(ctx, "x.v1")
	if !errors.Is(err, domain.ErrUnavailable) {
		t.Errorf("read on a killed connection = %v, want ErrUnavailable", err)
	}
	if err := w.Commit(); !errors.Is(err, domain.ErrUnavailable) {
		t.Errorf("Commit after the failure = %v, want the ErrUnavailable again", err)
	}
	if _, err := s.GetPerson(ctx, "p"); !errors.Is(err, ontology.ErrNotFound) {
		t.Errorf("the pool recovers: GetPerson = %v", err)
	}
}
