package httpapi

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/operatorkeys"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// bearer is the Authorization header of a key.
func bearer(key string) map[string]string { return map[string]string{"Authorization": "Bearer " + key} }

// operator sends a request to an operator route with key (a POST with a
// body gets the JSON content type).
func (h *harness) operator(method, path, body, key string) resp {
	h.t.Helper()
	hs := bearer(key)
	if body != "" {
		hs["Content-Type"] = "application/json"
	}
	return h.do(req{method: method, path: path, body: body, headers: hs})
}

// newKey creates an operator key with scopes through the use case (as
// the bootstrap admin would) and returns it and its token.
func (h *harness) newKey(name string, scopes ...string) (operatorkeys.Key, string) {
	h.t.Helper()
	out, err := h.srv.operators.Create(context.Background(), operatorkeys.CreateInput{
		Caller: app.Caller{RequestID: "test"}, Actor: "admin", Name: name, Scopes: scopes})
	if err != nil {
		h.t.Fatalf("create key %s %v: %v", name, scopes, err)
	}
	return out.Key, out.Token
}

// recordsOf returns the decoded events and metadata of every record
// whose type starts with prefix, in log order.
func (h *harness) recordsOf(prefix string) ([]domain.Event, []domain.Metadata) {
	h.t.Helper()
	recs, err := h.store.ReadAll(context.Background(), eventstore.Position{}, 100000)
	if err != nil {
		h.t.Fatal(err)
	}
	var evs []domain.Event
	var metas []domain.Metadata
	for _, r := range recs {
		if !strings.HasPrefix(r.Type, prefix) {
			continue
		}
		ev, m, err := h.codec.Decode(context.Background(), r)
		if err != nil {
			h.t.Fatal(err)
		}
		evs, metas = append(evs, ev), append(metas, m)
	}
	return evs, metas
}

// wantKeyCode checks a response's status and error code.
func wantKeyCode(t *testing.T, what string, r resp, status int, code string) {
	t.Helper()
	if r.status != status {
		t.Errorf("%s: %d %s, want %d %s", what, r.status, r.body, status, code)
		return
	}
	if code != "" {
		if got := r.json(t)["code"]; got != code {
			t.Errorf("%s: code %v, want %s", what, got, code)
		}
	}
}

var _ = http.MethodGet
