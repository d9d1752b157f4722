package postgres

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5"
)

// readmeQueries returns the ```sql blocks of README.md, in order.
func readmeQueries(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	return out
}

// seedAnalytics writes the rows the README's queries read.
func seedAnalytics(t *testing.T, s *Store) {
	day := func(d, h int) time.Time { return time.Date(2025, 3, d, h, 0, 0, 0, time.UTC) }
	write(t, s, func(tx ontology.Tx) error {
		var errs []error
		add := func(err error) { errs = append(errs, err) }
		for i, at := range []time.Time{day(1, 9), day(1, 23), day(2, 0), day(1, 12)} {
			add(tx.AppendEvent(t.Context(), ontology.Event{Position: fmt.Sprint(i), OccurredAt: at, Type: "account.sign_in_succeeded", Outcome: "success"}))
		}
		add(tx.AppendEvent(t.Context(), ontology.Event{Position: "x", OccurredAt: day(3, 0), Type: "account.sign_in_failed", Outcome: "failure"}))
		add(tx.PutPerson(t.Context(), ontology.Person{ID: "p1", Email: "a@example.com", TwoFactorEnabled: true, CreatedAt: day(1, 0)}))
		add(tx.PutPerson(t.Context(), ontology.Person{ID: "p2", Email: "b@example.com", CreatedAt: day(1, 1)}))
		add(tx.PutPerson(t.Context(), ontology.Person{ID: "p3", Email: "c@example.com", CreatedAt: day(2, 1)}))
		add(tx.PutGroup(t.Context(), ontology.Group{ID: "g1", Kind: "organization", Name: "Acme", CreatedAt: day(1, 0)}))
		for i, edge := range [][3]string{{"p1", "member_of", "g1"}, {"p2", "member_of", "g1"}, {"p3", "member_of", "g2"}, {"p1", "owns", "s1"}} {
			add(tx.PutConnection(t.Context(), ontology.Connection{ID: fmt.Sprint("c", i), FromKind: "person", FromID: edge[0],
				Relation: edge[1], ToKind: "group", ToID: edge[2], CreatedAt: day(1, 0)}))
		}
		for _, f := range []ontology.Fact{{SubjectID: "provider:google", Key: "sign_ins", Value: []byte("2")},
			{SubjectID: "provider:google", Key: "sign_ups", Value: []byte("1")},
			{SubjectID: "provider:github", Key: "refused_sign_ins", Value: []byte("1")},
			{SubjectID: "p1", Key: "last_sign_in_provider", Value: []byte(`"google"`)}} {
			f.UpdatedAt = day(2, 0)
			add(tx.PutFact(t.Context(), f))
		}
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// TestReadmeQueries runs the README's example queries against a populated
// schema and checks their answers.
func TestReadmeQueries(t *testing.T) {
	s := openTest(t)
	seedAnalytics(t, s)
	want := []string{
		"2025-03-01 3 | 2025-03-02 1",
		"p2 b@example.com 2025-03-01 01:00:00 +0000 UTC | p3 c@example.com 2025-03-02 01:00:00 +0000 UTC",
		"github refused_sign_ins 1 | google sign_ins 2 | google sign_ups 1",
		"g1 Acme 2 | g2 <nil> 1",
	}
	queries := readmeQueries(t)
	if len(queries) != len(want) {
		t.Fatalf("README has %d sql blocks, want %d", len(queries), len(want))
	}
	for i, q := range queries {
		q = strings.ReplaceAll(q, "ontology.", pgx.Identifier{s.schema}.Sanitize()+".")
		rows, err := s.pool.Query(t.Context(), q)
		if err != nil {
			t.Fatalf("query %d: %v\n%s", i+1, err, q)
		}
		var got []string
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				t.Fatal(err)
			}
			var parts []string
			for _, v := range vals {
				if tm, ok := v.(time.Time); ok {
					v = tm.UTC()
					if strings.Contains(q, "::date") {
						v = tm.UTC().Format(time.DateOnly)
					}
				}
				parts = append(parts, fmt.Sprint(v))
			}
			got = append(got, strings.Join(parts, " "))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if g := strings.Join(got, " | "); g != want[i] {
			t.Errorf("query %d:\n got %s\nwant %s", i+1, g, want[i])
		}
	}
}
