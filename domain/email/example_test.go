package email_test

import (
	"fmt"

	"github.com/authledger/authledger/domain/email"
)

func Example() {
	for _, in := range []string{"\u212Aate@Example.COM", "mıke@example.com", "kate@x.io\r\nBcc:x"} {
		out, err := email.Canonicalize(in)
		fmt.Printf("%q %v\n", out, err)
	}
	// Output:
	// "kate@example.com" <nil>
	// "mıke@example.com" <nil>
	// "" INVALID_EMAIL: Invalid email address: control or format character U+000D
}
