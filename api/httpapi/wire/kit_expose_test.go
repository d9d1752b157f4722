package wire

import (
	"net/http"
	"testing"
)

// TestExposeAuthToken: set-auth-token is exposed once, after what the
// CORS middleware exposed on a cross-origin answer.
func TestExposeAuthToken(t *testing.T) {
	tests := []struct {
		before []string
		want   []string
	}{
		{nil, []string{"set-auth-token"}},
		{[]string{"set-auth-token,X-Consistency-Token,X-Request-Id"}, []string{"set-auth-token,X-Consistency-Token,X-Request-Id"}},
		{[]string{"X-Request-Id"}, []string{"X-Request-Id", "set-auth-token"}},
		{[]string{"X-Request-Id, Set-Auth-Token"}, []string{"X-Request-Id, Set-Auth-Token"}},
	}
	for _, tt := range tests {
		h := http.Header{}
		for _, v := range tt.before {
			h.Add("Access-Control-Expose-Headers", v)
		}
		ExposeAuthToken(h)
		got := h.Values("Access-Control-Expose-Headers")
		if len(got) != len(tt.want) {
			t.Errorf("%v → %v, want %v", tt.before, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%v → %v, want %v", tt.before, got, tt.want)
			}
		}
	}
}
