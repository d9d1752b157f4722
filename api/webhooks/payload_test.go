package webhooks

import (
	"encoding/json"
	"testing"
)

// TestClean: secrets by name and sealed values never leave; with opened
// personal data, only the allowed fields come back, nested too.
func TestClean(t *testing.T) {
	tests := []struct {
		name         string
		data, opened string
		want         string
	}{
		{"hashes and secrets by name", `{"keyId":"K","secretHash":"ab","tokenHash":"cd","codes":"x","passwordHash":"p","scopes":["a"]}`, ``,
			`{"keyId":"K","scopes":["a"]}`},
		{"sealed without pii", `{"personId":"P","email":"sealed:v1:xx","name":"sealed:v1:yy"}`, ``, `{"personId":"P"}`},
		{"sealed with pii", `{"personId":"P","email":"sealed:v1:xx","totp":"sealed:v1:zz"}`, `{"email":"ann@example.com","totp":"JBSW"}`,
			`{"email":"ann@example.com","personId":"P"}`},
		{"erased person", `{"personId":"P","email":"sealed:v1:xx"}`, `{"email":""}`, `{"personId":"P"}`},
		{"nested", `{"profile":{"email":"sealed:v1:xx","verificationToken":"t","kind":"k"}}`, `{"profile":{"email":"b@example.com"}}`,
			`{"profile":{"email":"b@example.com","kind":"k"}}`},
	}
	for _, tt := range tests {
		var data, opened map[string]any
		_ = json.Unmarshal([]byte(tt.data), &data)
		if tt.opened != "" {
			_ = json.Unmarshal([]byte(tt.opened), &opened)
		}
		clean(data, opened)
		got, _ := json.Marshal(data)
		if string(got) != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
