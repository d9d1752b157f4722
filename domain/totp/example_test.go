package totp_test

import (
	"fmt"
	"time"

	"github.com/authledger/authledger/domain/totp"
)

func Example() {
	secret := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // base32 of "12345678901234567890"
	key, _ := totp.DecodeSecret(secret)
	now := time.Unix(1111111109, 0)
	code := totp.Code(key, totp.Step(now))
	step, ok := totp.Match(key, code, now.Add(30*time.Second)) // one step later: still inside the window
	fmt.Println(code, step == totp.Step(now), ok)
	// Output: 081804 true true
}
