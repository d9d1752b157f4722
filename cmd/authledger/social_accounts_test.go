package main

import (
	"encoding/json"
	"net/http"
	"testing"
)

// accounts is list-accounts as "providerId accountId" pairs, each checked
// to belong to the signed-in person.
func (b *socialBrowser) accounts(t *testing.T) []string {
	t.Helper()
	res, err := b.Get(b.rig.base + "/api/auth/list-accounts")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out []struct{ ID, ProviderID, AccountID, UserID string }
	if err := json.NewDecoder(res.Body).Decode(&out); res.StatusCode != http.StatusOK || err != nil {
		t.Fatalf("list-accounts: %d %v", res.StatusCode, err)
	}
	_, me := b.session(t)
	got := []string{}
	for _, a := range out {
		if a.UserID != me || a.ID == "" {
			t.Errorf("account %+v is not %s's", a, me)
		}
		got = append(got, a.ProviderID+" "+a.AccountID)
	}
	return got
}
