// Package ontologytest is the conformance suite every ontology.Store adapter
// runs: CRUD and overwrite semantics per dimension, every filter of
// ontology.Filters, cursor pagination, query validation, transaction
// isolation, checkpoints, blue/green staging and subject erasure.
//
// Stores must return times in UTC; Run compares rows through their JSON form.
package ontologytest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/authledger/authledger/ontology"
)

// Run runs the suite. open must return a new, empty store for each call; Run
// closes it when the subtest ends, so Close must tolerate a second call if
// open also registers one.
func Run(t *testing.T, open func(t *testing.T) ontology.Store) {
	cases := []struct {
		name string
		fn   func(t *testing.T, s ontology.Store)
	}{
		{"Groups", testGroups},
		{"People", testPeople},
		{"Things", testThings},
		{"Connections", testConnections},
		{"Events", testEvents},
		{"Knowledge", testKnowledge},
		{"RejectsBadRows", testBadRows},
		{"Filters", testFilters},
		{"Pagination", testPagination},
		{"BadQueries", testBadQueries},
		{"TxIsolation", testTxIsolation},
		{"TxSeesOwnWrites", testTxOwnWrites},
		{"Checkpoints", testCheckpoints},
		{"StagePromote", testStagePromote},
		{"StageDiscard", testStageDiscard},
		{"StagingLifecycle", testStagingLifecycle},
		{"DeleteSubject", testDeleteSubject},
		{"NotFound", testNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			c.fn(t, s)
		})
	}
}

// beginner is what both Store and Staging offer.
type beginner interface {
	Begin(ctx context.Context) (ontology.Tx, error)
}

// write runs fn in a transaction and commits it.
func write(t *testing.T, b beginner, fn func(tx ontology.Tx) error) {
	t.Helper()
	ctx := t.Context()
	tx, err := b.Begin(ctx)
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		t.Fatalf("write: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("Commit: %v", err)
	}
}

// same fails the test unless got and want have the same JSON form.
func same(t *testing.T, what string, got, want any) {
	t.Helper()
	g, err1 := json.Marshal(got)
	w, err2 := json.Marshal(want)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatalf("%s: marshal: %v", what, err)
	}
	if string(g) != string(w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

// mustNotFound fails unless err wraps ontology.ErrNotFound.
func mustNotFound(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, ontology.ErrNotFound) {
		t.Errorf("%s: err = %v, want ErrNotFound", what, err)
	}
}

// must fails the test on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
