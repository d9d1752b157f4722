package origin_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/authledger/authledger/api/origin"
)

func ExampleChecker_CheckRequest() {
	c, err := origin.New("http://127.0.0.1:3007/api/auth", "https://app.example.com")
	if err != nil {
		panic(err)
	}
	r := httptest.NewRequest("POST", "/api/auth/update-user", nil)
	r.Header.Set("Cookie", "better-auth.session_token=…")
	r.Header.Set("Origin", "https://evil.example")
	fmt.Println(c.CheckRequest(r, true, false))
	fmt.Println(c.CheckCallbackURL("//evil.example"))
	fmt.Println(c.CheckCallbackURL("/dashboard"))
	// Output:
	// INVALID_ORIGIN: Invalid origin
	// INVALID_CALLBACK_URL: Invalid callbackURL
	// <nil>
}
