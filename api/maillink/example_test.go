package maillink_test

import (
	"fmt"

	"github.com/authledger/authledger/api/maillink"
)

// A failed link redirects to the trusted callback with the error code.
func ExampleWithParam() {
	fmt.Println(maillink.WithParam("https://auth.example", "/welcome", "error", "INVALID_TOKEN"))
	// Output: https://auth.example/welcome?error=INVALID_TOKEN
}
