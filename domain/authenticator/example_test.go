package authenticator_test

import (
	"fmt"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
)

func Example() {
	d := authenticator.NewDecider()
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	s := d.Fold([]domain.Event{authenticator.Registered{PersonID: "p", PasskeyID: "k", CredentialID: "c", SignCount: 3, At: at}})
	evs, err := d.Decide(s, authenticator.Authenticate{PasskeyID: "k", SignCount: 2, ChallengeID: "ch", At: at})
	fmt.Println(evs[0].EventType(), err)
	// Output: passkey.sign_count_regressed PASSKEY_SIGN_COUNT_REGRESSED: Passkey sign counter went backwards
}
