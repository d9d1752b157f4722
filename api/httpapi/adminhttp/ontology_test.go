package adminhttp_test

import (
	"context"
	"net/http"
	"testing"
)

// TestListQueries: cursor and limit are read, everything else is a filter
// for the read store to validate; each parameter appears once.
func TestListQueries(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e, _ := serve(ctx)
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
		if r := call(e, method, tt.path, ""); r.Code != tt.want {
			t.Errorf("%s: %d %s, want %d", tt.path, r.Code, r.Body, tt.want)
		}
	}
}
