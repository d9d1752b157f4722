package postgres

import (
	"errors"
	"fmt"
	"testing"

	"github.com/authledger/authledger/ontology"
)

func TestCommitLog(t *testing.T) {
	type step struct {
		begun, committed int64 // 0: none
	}
	tests := []struct {
		name   string
		steps  []step
		stored int64
		want   error
	}{
		{"no transactions", nil, 0, nil},
		{"every commit kept", []step{{1, 1}, {2, 2}, {3, 3}}, 3, nil},
		{"a rolled-back transaction", []step{{1, 1}, {2, 0}, {2, 2}}, 2, nil},
		{"an unacknowledged commit that happened", []step{{1, 1}, {2, 0}, {3, 3}}, 3, nil},
		{"an unacknowledged commit that happened, last", []step{{1, 1}, {2, 0}}, 2, nil},
		{"the last commit lost", []step{{1, 1}, {2, 2}}, 1, ErrStagingLost},
		{"commits lost, then as many again", []step{{1, 1}, {2, 2}, {3, 3}, {2, 2}, {3, 3}}, 3, ErrStagingLost},
		{"every commit lost", []step{{1, 1}}, 0, ErrStagingLost},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var c commitLog
			for _, s := range tc.steps {
				c.begun(s.begun)
				if s.committed != 0 {
					c.committed(s.committed)
				}
			}
			if err := c.check(tc.stored); !errors.Is(err, tc.want) || (err == nil) != (tc.want == nil) {
				t.Errorf("check(%d) = %v, want %v", tc.stored, err, tc.want)
			}
		})
	}
}

// syncCommit reads the transaction's synchronous_commit.
func syncCommit(t *testing.T, x ontology.Tx) string {
	t.Helper()
	var v string
	if err := x.(*tx).tx.QueryRow(t.Context(), "SELECT current_setting('synchronous_commit')").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// stagedCommits reads the shadow's count of committed transactions.
func stagedCommits(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	if err := s.pool.QueryRow(t.Context(), "SELECT n FROM "+quote(s.next.schema, stagingCommits)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStagingCommitsAsynchronously(t *testing.T) {
	s, st := stageTest(t)
	write(t, s, func(x ontology.Tx) error {
		if v := syncCommit(t, x); v != "on" {
			t.Errorf("a live transaction's synchronous_commit = %q, want on", v)
		}
		return nil
	})
	for i := range 3 {
		write(t, st, func(x ontology.Tx) error {
			if v := syncCommit(t, x); v != "off" {
				t.Errorf("a staging transaction's synchronous_commit = %q, want off", v)
			}
			return x.PutPerson(t.Context(), ontology.Person{ID: fmt.Sprint("p", i)})
		})
	}
	x, err := st.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := stagedCommits(t, s); n != 3 {
		t.Errorf("staging commits counted = %d, want 3 (a rollback does not count)", n)
	}
	if err := st.Promote(t.Context()); err != nil {
		t.Fatal(err)
	}
	var left bool
	if err := s.pool.QueryRow(t.Context(), "SELECT to_regclass($1) IS NOT NULL", quote(s.schema, stagingCommits)).Scan(&left); err != nil || left {
		t.Errorf("the count table in the live schema after promote: %v (%v)", left, err)
	}
	if _, err := s.GetPerson(t.Context(), "p2"); err != nil {
		t.Errorf("a staged row after promote: %v", err)
	}
}

// TestPromoteRefusesLostCommits sets the shadow's count as a server crash
// would leave it (commits acknowledged to the rebuild gone, or one that
// happened without its acknowledgement) and promotes.
func TestPromoteRefusesLostCommits(t *testing.T) {
	tests := []struct {
		name  string
		count string // the count's new value, from n
		more  int    // staging commits after that
		want  error
	}{
		{"nothing lost", "n", 0, nil},
		{"the last commit lost", "n - 1", 0, ErrStagingLost},
		{"every commit lost", "0", 0, ErrStagingLost},
		{"commits lost, then as many again", "n - 2", 2, ErrStagingLost},
		{"a commit that happened unacknowledged", "n + 1", 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			write(t, s, func(x ontology.Tx) error { return x.PutPerson(t.Context(), ontology.Person{ID: "live"}) })
			st, err := s.Stage(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				write(t, st, func(x ontology.Tx) error {
					return x.PutPerson(t.Context(), ontology.Person{ID: fmt.Sprint("staged", i)})
				})
			}
			if _, err := s.pool.Exec(t.Context(), "UPDATE "+quote(s.next.schema, stagingCommits)+" SET n = "+tc.count); err != nil {
				t.Fatal(err)
			}
			for i := range tc.more {
				write(t, st, func(x ontology.Tx) error {
					return x.PutPerson(t.Context(), ontology.Person{ID: fmt.Sprint("again", i)})
				})
			}
			err = st.Promote(t.Context())
			if !errors.Is(err, tc.want) || (err == nil) != (tc.want == nil) {
				t.Fatalf("Promote = %v, want %v", err, tc.want)
			}
			_, errStaged := s.GetPerson(t.Context(), "staged0")
			_, errLive := s.GetPerson(t.Context(), "live")
			if tc.want == nil {
				if errStaged != nil || !errors.Is(errLive, ontology.ErrNotFound) {
					t.Errorf("after promote: staged row %v, old live row %v; want the staged generation", errStaged, errLive)
				}
				return
			}
			if !errors.Is(errStaged, ontology.ErrNotFound) || errLive != nil {
				t.Errorf("after a refused promote: staged row %v, live row %v; want the live tables unchanged", errStaged, errLive)
			}
			if err := st.Discard(t.Context()); err != nil {
				t.Fatalf("Discard after a refused promote: %v", err)
			}
		})
	}
}
