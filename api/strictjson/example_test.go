package strictjson_test

import (
	"fmt"

	"github.com/authledger/authledger/api/strictjson"
)

func ExampleDecode() {
	var req struct {
		Email    string `json:"email" strictjson:"required"`
		Password string `json:"password" strictjson:"required"`
	}
	err := strictjson.Decode([]byte(`{"email":"victim@example.com","EMAIL":"attacker@example.com","password":"x"}`), &req)
	fmt.Println(err)
	err = strictjson.Decode([]byte(`{"email":["a@example.com"],"password":"x"}`), &req)
	fmt.Println(err)
	err = strictjson.Decode([]byte(`{"email":"a@example.com","password":"correct horse 1"}`), &req)
	fmt.Println(err, req.Email)
	// Output:
	// BAD_REQUEST: Invalid JSON in request body
	// VALIDATION_ERROR: [body.email] Invalid input: expected string, received array
	// <nil> a@example.com
}
