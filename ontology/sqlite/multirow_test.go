package sqlite

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestRowQueueChunks: n queued rows go out in n's binary digits, largest
// first, each statement binding exactly its rows' arguments in order, and
// the queue is empty afterwards.
func TestRowQueueChunks(t *testing.T) {
	q := newRowsSQL("INSERT INTO t (a, b) VALUES ", 2, " ON CONFLICT (a) DO NOTHING")
	tests := []struct {
		rows int
		want []int // rows per statement
	}{
		{0, nil},
		{1, []int{1}},
		{3, []int{2, 1}},
		{64, []int{64}},
		{65, []int{64, 1}},
		{100, []int{64, 32, 4}},
		{127, []int{64, 32, 16, 8, 4, 2, 1}},
	}
	for _, tt := range tests {
		var rq rowQueue
		for i := range tt.rows {
			rq.add(q, []any{i, "v"})
		}
		var got []int
		next := 0
		err := rq.chunks(func(query string, args []any) error {
			n := len(args) / 2
			got = append(got, n)
			if strings.Count(query, "(?, ?)") != n || !strings.HasSuffix(query, " ON CONFLICT (a) DO NOTHING") {
				t.Errorf("%d rows: statement %q binds %d rows", tt.rows, query, n)
			}
			for i := 0; i < len(args); i += 2 {
				if args[i] != next {
					t.Errorf("%d rows: row %d sent as %v", tt.rows, next, args[i])
				}
				next++
			}
			return nil
		})
		if err != nil || !slices.Equal(got, tt.want) || next != tt.rows {
			t.Errorf("%d rows: statements of %v rows (%d sent), %v; want %v", tt.rows, got, next, err, tt.want)
		}
		if rq.n != 0 || len(rq.args) != 0 {
			t.Errorf("%d rows: %d rows left queued", tt.rows, rq.n)
		}
	}
}

// TestRowQueueStopsAtError: a failing statement ends the flush with its
// error, and the queue is left empty (the transaction is rolled back).
func TestRowQueueStopsAtError(t *testing.T) {
	q := newRowsSQL("INSERT INTO t (a) VALUES ", 1, "")
	var rq rowQueue
	for i := range 3 {
		rq.add(q, []any{i})
	}
	boom := errors.New("disk I/O error")
	calls := 0
	err := rq.chunks(func(string, []any) error { calls++; return boom })
	if !errors.Is(err, boom) || calls != 1 || rq.n != 0 {
		t.Errorf("err %v after %d statements, %d rows left; want the error after 1, none left", err, calls, rq.n)
	}
}
