package twofactor_test

import (
	"fmt"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/twofactor"
)

func Example() {
	d := twofactor.NewDecider()
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	s := d.Fold([]domain.Event{twofactor.EnrolmentStarted{PersonID: "p", Secret: "S", At: at}})
	evs, _ := d.Decide(s, twofactor.Verify{Method: twofactor.MethodTOTP, Matched: true, Step: 42, WithSession: true, At: at})
	s = d.Fold(append([]domain.Event{twofactor.EnrolmentStarted{PersonID: "p", Secret: "S", At: at}}, evs...))
	_, err := d.Decide(s, twofactor.Verify{Method: twofactor.MethodTOTP, Matched: true, Step: 42, At: at})
	fmt.Println(evs[0].EventType(), s.Enabled, err)
	// Output: two_factor.enabled true INVALID_CODE: Invalid code
}
