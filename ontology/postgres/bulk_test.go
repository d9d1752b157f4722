package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
)

// TestBulkUpserts: a long run of upserts of one table (sent as one
// statement over column arrays) has the effect of the statements one by
// one: the last write of a key wins, NULL JSON and times stay NULL, and a
// deletion between two runs keeps its place in the order.
func TestBulkUpserts(t *testing.T) {
	at := time.Date(2025, 1, 2, 3, 4, 5, 123456000, time.UTC)
	n := 3 * bulkMin
	data := func(i int) json.RawMessage {
		if i%2 == 0 {
			return nil
		}
		return json.RawMessage(fmt.Sprintf(`{"n": %d}`, i))
	}
	when := func(i int) *time.Time {
		if i%3 == 0 {
			return nil
		}
		t := at.Add(time.Duration(i) * time.Hour)
		return &t
	}
	person := func(i int, name string) ontology.Person {
		return ontology.Person{ID: fmt.Sprintf("p%02d", i), Name: name, Email: fmt.Sprintf("p%d@example.com", i), EmailVerified: i%2 == 0,
			Role: "user", Status: "active", TwoFactorEnabled: i%4 == 0, Fields: data(i), CreatedAt: at, UpdatedAt: at, LastSignInAt: when(i)}
	}
	thing := func(i int, status string) ontology.Thing {
		return ontology.Thing{ID: fmt.Sprintf("t%02d", i), Kind: "session", OwnerID: "p01", Status: status, Data: data(i),
			CreatedAt: at, UpdatedAt: at, ExpiresAt: when(i)}
	}
	fact := func(i int, key string) ontology.Fact {
		return ontology.Fact{SubjectID: fmt.Sprintf("p%02d", i), Key: key, Value: json.RawMessage(fmt.Sprintf(`{"v": %d}`, i)), UpdatedAt: at}
	}
	ctx := context.Background()
	s := openTest(t)
	var wantPeople []ontology.Person
	var wantThings []ontology.Thing
	var wantFacts []ontology.Fact
	write(t, s, func(tx ontology.Tx) error {
		for i := range n {
			if err := tx.PutPerson(ctx, person(i, "first")); err != nil {
				return err
			}
		}
		if err := tx.PutPerson(ctx, person(1, "second")); err != nil { // the same run: the last write wins
			return err
		}
		if err := tx.DeletePerson(ctx, "p02"); err != nil { // after the run, put again below
			return err
		}
		if err := tx.DeletePerson(ctx, "p03"); err != nil { // after the run
			return err
		}
		for i := range n {
			if err := tx.PutThing(ctx, thing(i, "active")); err != nil {
				return err
			}
			if err := tx.PutFact(ctx, fact(i, "a")); err != nil { // runs of one row, one table after the other
				return err
			}
		}
		for i := range n {
			if err := tx.PutThing(ctx, thing(i, "revoked")); err != nil { // a second run updates the rows
				return err
			}
		}
		return tx.PutPerson(ctx, person(2, "again")) // a run of one after the deletion
	})
	for i := range n {
		switch i {
		case 1:
			wantPeople = append(wantPeople, person(i, "second"))
		case 2:
			wantPeople = append(wantPeople, person(i, "again"))
		case 3:
			wantPeople = append(wantPeople, ontology.Person{ID: "p03"}) // deleted
		default:
			wantPeople = append(wantPeople, person(i, "first"))
		}
		wantThings = append(wantThings, thing(i, "revoked"))
		wantFacts = append(wantFacts, fact(i, "a"))
	}
	for i := range wantPeople {
		got, err := s.GetPerson(ctx, wantPeople[i].ID)
		if i == 3 {
			if !errors.Is(err, ontology.ErrNotFound) {
				t.Errorf("deleted person: %+v, %v; want ErrNotFound", got, err)
			}
		} else if err != nil {
			t.Fatal(err)
		} else if !reflect.DeepEqual(got, wantPeople[i]) {
			t.Errorf("person %d = %+v, want %+v", i, got, wantPeople[i])
		}
		gotThing, err := s.GetThing(ctx, wantThings[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotThing, wantThings[i]) {
			t.Errorf("thing %d = %+v, want %+v", i, gotThing, wantThings[i])
		}
	}
	page, err := s.ListKnowledge(ctx, ontology.Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(page.Items, wantFacts) {
		t.Errorf("knowledge = %+v, want %+v", page.Items, wantFacts)
	}
}
