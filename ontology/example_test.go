package ontology_test

import (
	"fmt"

	"github.com/authledger/authledger/ontology"
)

// An adapter validates a query with PlanQuery, fetches Limit+1 rows in the
// dimension's order and lets Paginate cut the page and make the cursor.
func ExamplePlanQuery() {
	plan, err := ontology.PlanQuery(ontology.Events, ontology.Query{
		Where: map[string]string{"type_prefix": "person.", "occurred_from": "2024-05-01T00:00:00+02:00"},
		Limit: 2,
	})
	if err != nil {
		panic(err)
	}
	for _, c := range plan.Conds {
		fmt.Println(c.Column, c.Op == ontology.OpPrefix, c.Value)
	}
	fetched := []ontology.Event{{Seq: 1}, {Seq: 2}, {Seq: 3}}
	page := ontology.Paginate(plan, fetched, func(e ontology.Event) ontology.SortKey { return ontology.SortKey{Seq: e.Seq} })
	after, _ := ontology.DecodeCursor(ontology.Events, page.Next)
	fmt.Println(len(page.Items), "rows, next page after seq", after.Seq)

	_, err = ontology.PlanQuery(ontology.People, ontology.Query{Where: map[string]string{"password": "x"}})
	fmt.Println(err)
	// Output:
	// occurred_at false 2024-04-30T22:00:00.000000000Z
	// type true person.
	// 2 rows, next page after seq 2
	// ontology: bad query: unknown filter "password" for people
}
