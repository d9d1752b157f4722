package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
)

// TestKeysAcrossPGNodes: two servers on one PostgreSQL database. A key
// created over HTTP on the first works on the second once it has read
// the log; revoked on the first, it is refused there at once and on the
// second as soon as it has read the log. Runs when
// AUTHLEDGER_TEST_POSTGRES is set.
func TestKeysAcrossPGNodes(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	a, b := startPGNode(t, db), startPGNode(t, db)
	body, _ := json.Marshal(map[string]any{"name": "dashboards", "scopes": []string{"ontology:read", "metrics:read"}})
	req, _ := http.NewRequest(http.MethodPost, a.URL+"/v1/keys", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+e2eAdminKey)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var created struct{ ID, Token string }
	err = json.NewDecoder(res.Body).Decode(&created)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusCreated || created.Token == "" {
		t.Fatalf("create: %d %v", res.StatusCode, err)
	}
	if st, _ := operatorCall(t, a, "GET", "/metrics", created.Token); st != http.StatusOK {
		t.Fatalf("metrics on the creating node: %d", st)
	}
	eventually(t, "the other node accepts the key", func() bool {
		st, _ := operatorCall(t, b, "GET", "/v1/ontology/people", created.Token)
		return st == http.StatusOK
	})
	if st, code := operatorCall(t, b, "GET", "/v1/keys", created.Token); st != http.StatusForbidden || code != "INSUFFICIENT_SCOPE" {
		t.Errorf("keys on the other node: %d %s", st, code)
	}
	if st, _ := operatorCall(t, a, "DELETE", "/v1/keys/"+created.ID, e2eAdminKey); st != http.StatusOK {
		t.Fatalf("revoke: %d", st)
	}
	if st, code := operatorCall(t, a, "GET", "/metrics", created.Token); st != http.StatusUnauthorized || code != "OPERATOR_KEY_REVOKED" {
		t.Errorf("revoked key on the deciding node: %d %s", st, code)
	}
	eventually(t, "the other node refuses the revoked key", func() bool {
		st, code := operatorCall(t, b, "GET", "/metrics", created.Token)
		return st == http.StatusUnauthorized && code == "OPERATOR_KEY_REVOKED"
	})
}
