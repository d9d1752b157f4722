package ontologytest

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/authledger/authledger/ontology"
)

// pagedRows is how many rows testPagination writes per dimension.
const pagedRows = 250

// expectedOrder returns the keys of the rows putRow writes for 0..n-1 (row i
// created at second i/3, so creation times tie) in the dimension's order.
func expectedOrder(dim ontology.Dimension, order []int) []string {
	type row struct {
		sec int
		key string
		sub string
	}
	rows := make([]row, 0, len(order))
	for _, i := range order {
		id := "r" + strconv.Itoa(i)
		rows = append(rows, row{sec: i / 3, key: id, sub: "s" + strconv.Itoa(i/3)})
	}
	switch dim {
	case ontology.Events: // seq order: the order of appends
		return keysOf(rows, func(r row) string { return r.key })
	case ontology.Knowledge:
		slices.SortFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(a.sub, b.sub), cmp.Compare(a.key, b.key)) })
		return keysOf(rows, func(r row) string { return r.sub + "/" + r.key })
	default:
		slices.SortFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(a.sec, b.sec), cmp.Compare(a.key, b.key)) })
		return keysOf(rows, func(r row) string { return r.key })
	}
}

// keysOf maps rows to keys.
func keysOf[T any](rows []T, key func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = key(r)
	}
	return out
}

func testPagination(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	order := make([]int, pagedRows) // a fixed shuffle, so insertion order ≠ sort order
	for i := range order {
		order[i] = i * 7919 % pagedRows
	}
	for start := 0; start < pagedRows; start += 50 {
		write(t, s, func(tx ontology.Tx) error {
			for _, dim := range ontology.Dimensions() {
				for _, i := range order[start : start+50] {
					if err := putRow(ctx, tx, dim, i, i/3); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	for _, dim := range ontology.Dimensions() {
		t.Run(string(dim), func(t *testing.T) {
			want := expectedOrder(dim, order)
			equalKeys(t, "limit 100 walk", listAll(t, s, dim, nil, 100), want)
			equalKeys(t, "limit 125 walk", listAll(t, s, dim, nil, 125), want)
			equalKeys(t, "limit 7 walk", listAll(t, s, dim, nil, 7), want)
			got, next, err := list(ctx, s, dim, ontology.Query{Limit: 1000})
			must(t, err)
			equalKeys(t, "one page of 1000", got, want)
			if next != "" {
				t.Errorf("next = %q after the last row", next)
			}
			got, next, err = list(ctx, s, dim, ontology.Query{Limit: 125})
			must(t, err)
			_, last, err := list(ctx, s, dim, ontology.Query{Limit: 125, Cursor: next})
			must(t, err)
			if len(got) != 125 || next == "" || last != "" {
				t.Errorf("limit 125 over %d rows: first page %d rows next %q, second next %q", pagedRows, len(got), next, last)
			}
		})
	}
}

func testBadQueries(t *testing.T, s ontology.Store) {
	ctx := t.Context()
	otherCursor := ontology.EncodeCursor(ontology.Events, ontology.SortKey{Seq: 1})
	for _, dim := range ontology.Dimensions() {
		cursor := otherCursor
		if dim == ontology.Events {
			cursor = ontology.EncodeCursor(ontology.People, ontology.SortKey{ID: "x"})
		}
		queries := map[string]ontology.Query{
			"unknown filter":      {Where: map[string]string{"nope": "1"}},
			"malformed cursor":    {Cursor: "%%%not-a-cursor"},
			"other dim's cursor":  {Cursor: cursor},
			"limit over 1000":     {Limit: 1001},
			"negative limit":      {Limit: -1},
			"SQL in filter field": {Where: map[string]string{"id = id OR 1": "1"}},
		}
		for name, q := range queries {
			_, _, err := list(ctx, s, dim, q)
			if !errors.Is(err, ontology.ErrBadQuery) {
				t.Errorf("%s %s: err = %v, want ErrBadQuery", dim, name, err)
			}
		}
	}
}
