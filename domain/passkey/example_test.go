package passkey_test

import (
	"fmt"
	"time"

	"github.com/authledger/authledger/domain/passkey"
)

func Example() {
	r, err := passkey.New(passkey.RP{ID: "example.com", Name: "Example", Origins: []string{"https://example.com"}})
	if err != nil {
		panic(err)
	}
	opts, c, err := r.BeginLogin(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	fmt.Println(opts.RPID, opts.Timeout, opts.UserVerification, len(opts.Challenge), c.Challenge() == opts.Challenge)
	// Output: example.com 60000 preferred 43 true
}
