package adminhttp_test

import (
	"net/http"
	"testing"

	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
)

// TestListQueries: cursor and limit are read, everything else is a filter
// for the read store to validate; each parameter appears once.
func TestListQueries(t *testing.T) {
	env, e, _ := mount()
	defer env.Close()
	tests := []struct {
		path string
		want int
	}{
		{"/v1/ontology/people?email=ada@example.com&limit=5", http.StatusOK},
		{"/v1/ontology/knowledge", http.StatusOK},
		{"/v1/ontology/people?limit=five", http.StatusBadRequest},
		{"/v1/ontology/people?email=a&email=b", http.StatusBadRequest},
		{"/v1/ontology/people?cursor=%%%", http.StatusBadRequest},
		{"/v1/people/x/unban", http.StatusNotFound},
	}
	for _, tt := range tests {
		method := http.MethodGet
		if tt.path == "/v1/people/x/unban" {
			method = http.MethodPost
		}
		if r := wiretest.Do(e, method, tt.path, ""); r.Code != tt.want {
			t.Errorf("%s: %d %s, want %d", tt.path, r.Code, r.Body, tt.want)
		}
	}
}
