package session_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/authledger/authledger/domain/session"
)

// A session is created, then works in an organization by default.
func ExampleDecide() {
	d := session.NewDecider()
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	created, _ := d.Decide(session.State{}, session.Create{SessionID: "S1", PersonID: "P1", TokenHash: "h",
		ExpiresIn: time.Hour, At: at})
	set, _ := d.Decide(d.Fold(created), session.SetActiveOrganization{OrganizationID: "G1", At: at.Add(time.Minute)})
	st := d.Fold(append(slices.Clone(created), set...))
	fmt.Println(set[0].EventType(), st.ActiveOrganizationID)
	// Output: session.active_organization_set G1
}
