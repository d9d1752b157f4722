package ontology_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
)

func TestPlanQuery(t *testing.T) {
	from := "2024-05-01T12:00:00+02:00"
	tests := []struct {
		name      string
		dim       ontology.Dimension
		q         ontology.Query
		wantErr   error
		wantLimit int
		wantConds []ontology.Cond
	}{
		{name: "default limit", dim: ontology.People, wantLimit: 100},
		{name: "max limit", dim: ontology.People, q: ontology.Query{Limit: 1000}, wantLimit: 1000},
		{name: "limit too big", dim: ontology.People, q: ontology.Query{Limit: 1001}, wantErr: ontology.ErrBadQuery},
		{name: "negative limit", dim: ontology.People, q: ontology.Query{Limit: -1}, wantErr: ontology.ErrBadQuery},
		{name: "unknown dimension", dim: "widgets", wantErr: ontology.ErrBadQuery},
		{name: "unknown filter", dim: ontology.People, q: ontology.Query{Where: map[string]string{"name": "x"}}, wantErr: ontology.ErrBadQuery},
		{name: "filter of other dimension", dim: ontology.Groups, q: ontology.Query{Where: map[string]string{"email": "x"}}, wantErr: ontology.ErrBadQuery},
		{name: "bad time", dim: ontology.Events, q: ontology.Query{Where: map[string]string{"occurred_from": "yesterday"}}, wantErr: ontology.ErrBadQuery},
		{name: "bad cursor", dim: ontology.Events, q: ontology.Query{Cursor: "!!"}, wantErr: ontology.ErrBadQuery},
		{
			name: "conds sorted with ops",
			dim:  ontology.Events,
			q: ontology.Query{Limit: 5, Where: map[string]string{
				"type_prefix": "person.", "actor": "a1", "occurred_from": from, "occurred_to": "2024-05-02T00:00:00Z",
			}},
			wantLimit: 5,
			wantConds: []ontology.Cond{
				{Column: "actor", Op: ontology.OpEq, Value: "a1"},
				{Column: "occurred_at", Op: ontology.OpFrom, Value: "2024-05-01T10:00:00.000000000Z"},
				{Column: "occurred_at", Op: ontology.OpTo, Value: "2024-05-02T00:00:00.000000000Z"},
				{Column: "type", Op: ontology.OpPrefix, Value: "person."},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ontology.PlanQuery(tt.dim, tt.q)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got.Limit != tt.wantLimit {
				t.Errorf("limit = %d, want %d", got.Limit, tt.wantLimit)
			}
			if len(got.Conds) != len(tt.wantConds) {
				t.Fatalf("conds = %+v, want %+v", got.Conds, tt.wantConds)
			}
			for i := range got.Conds {
				if got.Conds[i] != tt.wantConds[i] {
					t.Errorf("cond %d = %+v, want %+v", i, got.Conds[i], tt.wantConds[i])
				}
			}
		})
	}
}

func TestPlanQueryErrorNamesField(t *testing.T) {
	_, err := ontology.PlanQuery(ontology.People, ontology.Query{Where: map[string]string{"password": "x"}})
	if !errors.Is(err, ontology.ErrBadQuery) || !strings.Contains(err.Error(), "password") {
		t.Fatalf("err = %v, want ErrBadQuery naming the field", err)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	at := time.Date(2024, 5, 1, 12, 0, 0, 123456789, time.FixedZone("x", 3600))
	tests := []struct {
		dim ontology.Dimension
		key ontology.SortKey
	}{
		{ontology.People, ontology.SortKey{CreatedAt: at, ID: "p1"}},
		{ontology.Connections, ontology.SortKey{CreatedAt: time.Time{}, ID: ""}},
		{ontology.Events, ontology.SortKey{Seq: 42}},
		{ontology.Knowledge, ontology.SortKey{SubjectID: "s\x00\"1", Key: "k/é"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.dim), func(t *testing.T) {
			c := ontology.EncodeCursor(tt.dim, tt.key)
			got, err := ontology.DecodeCursor(tt.dim, c)
			if err != nil {
				t.Fatal(err)
			}
			if got.Less(tt.key) || tt.key.Less(got) || got.ID != tt.key.ID || got.Key != tt.key.Key {
				t.Errorf("got %+v, want %+v", got, tt.key)
			}
			if _, err := ontology.DecodeCursor(ontology.Groups, c); tt.dim != ontology.Groups && !errors.Is(err, ontology.ErrBadQuery) {
				t.Errorf("cursor of %s accepted for groups: %v", tt.dim, err)
			}
		})
	}
}

func TestDecodeCursorRejects(t *testing.T) {
	for _, c := range []string{"x", "e30", "WyJldmVudHMiXQ", "WyJldmVudHMiLCItMSJd", strings.Repeat("A", 3000)} {
		if _, err := ontology.DecodeCursor(ontology.Events, c); !errors.Is(err, ontology.ErrBadQuery) {
			t.Errorf("DecodeCursor(%q) err = %v, want ErrBadQuery", c, err)
		}
	}
}

func TestPaginate(t *testing.T) {
	p := ontology.Plan{Dim: ontology.Events, Limit: 2}
	key := func(n int64) ontology.SortKey { return ontology.SortKey{Seq: n} }
	full := ontology.Paginate(p, []int64{1, 2, 3}, key)
	if len(full.Items) != 2 || full.Next == "" {
		t.Fatalf("got %+v, want 2 items and a cursor", full)
	}
	k, err := ontology.DecodeCursor(ontology.Events, full.Next)
	if err != nil || k.Seq != 2 {
		t.Errorf("next = %+v %v, want seq 2", k, err)
	}
	last := ontology.Paginate(p, []int64{3}, key)
	if len(last.Items) != 1 || last.Next != "" {
		t.Errorf("got %+v, want last page", last)
	}
	if empty := ontology.Paginate(p, nil, key); empty.Items == nil {
		t.Error("empty page items are nil, want [] for JSON")
	}
}

func TestPrefixEnd(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"person.", "person/", true},
		{"a\xff", "b", true},
		{"\xff\xff", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ontology.PrefixEnd(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("PrefixEnd(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestFormatTimeOrders(t *testing.T) {
	a := time.Date(2024, 1, 1, 0, 0, 5, 0, time.UTC)
	b := a.Add(time.Nanosecond)
	if !(ontology.FormatTime(a) < ontology.FormatTime(b)) {
		t.Errorf("%s !< %s", ontology.FormatTime(a), ontology.FormatTime(b))
	}
	got, err := ontology.ParseTime(ontology.FormatTime(b))
	if err != nil || !got.Equal(b) {
		t.Errorf("round trip = %v %v, want %v", got, err, b)
	}
}

func TestCheckRow(t *testing.T) {
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		row  any
		want error
	}{
		{"person ok", ontology.Person{ID: "p", Fields: json.RawMessage(`{"a":1}`)}, nil},
		{"person no id", ontology.Person{}, ontology.ErrBadRow},
		{"group bad json", ontology.Group{ID: "g", Data: json.RawMessage(`{`)}, ontology.ErrBadRow},
		{"thing far expiry", ontology.Thing{ID: "t", ExpiresAt: &far}, ontology.ErrBadRow},
		{"connection ok", ontology.Connection{ID: "c"}, nil},
		{"event no type", ontology.Event{}, ontology.ErrBadRow},
		{"event negative seq", ontology.Event{Type: "x", Seq: -1}, ontology.ErrBadRow},
		{"fact no key", ontology.Fact{SubjectID: "s"}, ontology.ErrBadRow},
		{"fact ok", ontology.Fact{SubjectID: "s", Key: "k", Value: json.RawMessage(`3`)}, nil},
		{"other type", 3, ontology.ErrBadRow},
	}
	for _, tt := range tests {
		if got := ontology.CheckRow(tt.row); !errors.Is(got, tt.want) || (tt.want == nil) != (got == nil) {
			t.Errorf("%s: CheckRow = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzDecodeCursor(f *testing.F) {
	f.Add("people", ontology.EncodeCursor(ontology.People, ontology.SortKey{ID: "p1"}))
	f.Add("events", ontology.EncodeCursor(ontology.Events, ontology.SortKey{Seq: 7}))
	f.Add("knowledge", "WyJrbm93bGVkZ2UiLCJhIiwiYiJd")
	f.Fuzz(func(t *testing.T, dim, cursor string) {
		k, err := ontology.DecodeCursor(ontology.Dimension(dim), cursor)
		if err != nil {
			if !errors.Is(err, ontology.ErrBadQuery) {
				t.Fatalf("err %v does not wrap ErrBadQuery", err)
			}
			return
		}
		again, err := ontology.DecodeCursor(ontology.Dimension(dim), ontology.EncodeCursor(ontology.Dimension(dim), k))
		if err != nil || again.Less(k) || k.Less(again) {
			t.Fatalf("re-encoded cursor = %+v %v, want %+v", again, err, k)
		}
	})
}

func FuzzPlanQuery(f *testing.F) {
	f.Add("events", "occurred_from", "2024-05-01T00:00:00Z", "", 10)
	f.Add("events", "type_prefix", "person.", "WyJldmVudHMiLCI3Il0", 0)
	f.Add("people", "email", "a@example.com", "", 1000)
	f.Add("knowledge", "key", "", "", -5)
	f.Fuzz(func(t *testing.T, dim, field, value, cursor string, limit int) {
		p, err := ontology.PlanQuery(ontology.Dimension(dim), ontology.Query{
			Where: map[string]string{field: value}, Cursor: cursor, Limit: limit,
		})
		if err != nil {
			if !errors.Is(err, ontology.ErrBadQuery) {
				t.Fatalf("err %v does not wrap ErrBadQuery", err)
			}
			return
		}
		if p.Limit < 1 || p.Limit > ontology.MaxLimit || len(p.Conds) != 1 {
			t.Fatalf("plan %+v out of bounds", p)
		}
		if c := p.Conds[0]; c.Op != ontology.OpEq && c.Op != ontology.OpPrefix && !strings.HasSuffix(c.Column, "_at") {
			t.Fatalf("time condition on column %q", c.Column)
		}
	})
}
