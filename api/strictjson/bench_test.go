package strictjson

import (
	"encoding/json"
	"testing"
)

var signInBody = []byte(`{"email":"alice@example.com","password":"correct horse 1","callbackURL":"/dashboard","rememberMe":false}`)

type signIn struct {
	Email       string `json:"email" strictjson:"required"`
	Password    string `json:"password" strictjson:"required"`
	CallbackURL string `json:"callbackURL,omitempty"`
	RememberMe  *bool  `json:"rememberMe,omitempty"`
}

func BenchmarkDecodeSignIn(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var v signIn
		if err := Decode(signInBody, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStdlibSignIn is the baseline: encoding/json alone.
func BenchmarkStdlibSignIn(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var v signIn
		if err := json.Unmarshal(signInBody, &v); err != nil {
			b.Fatal(err)
		}
	}
}
