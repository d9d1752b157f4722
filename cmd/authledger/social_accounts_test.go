package main

import (
	"encoding/json"
	"net/http"
	"testing"
)

// listedAccount is one entry of list-accounts.
type listedAccount struct{ ID, ProviderID, AccountID, UserID string }

// accounts is list-accounts as "providerId accountId" pairs, each checked
// to belong to the signed-in person, and the entries themselves.
func (b *socialBrowser) accounts(t *testing.T) ([]string, []listedAccount) {
	t.Helper()
	res, err := b.Get(b.rig.base + "/api/auth/list-accounts")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out []listedAccount
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
	return got, out
}

// unlinkThroughHydra: the linked provider account of a password person is
// unlinked (then only the credential account is listed, and the provider
// account no longer signs anyone in without the verified email); a person
// whose only way in is one provider account cannot unlink it.
func unlinkThroughHydra(t *testing.T, r *socialRig, b *socialBrowser, bobID string) {
	_, accs := b.accounts(t)
	if status, out, _ := b.post(t, "unlink-account", map[string]any{"accountId": accs[1].ID}); status != http.StatusOK || out["status"] != true {
		t.Fatalf("unlink-account: %d %v", status, out)
	}
	if got, _ := b.accounts(t); len(got) != 1 || got[0] != "credential "+bobID {
		t.Errorf("list-accounts after the unlink = %v, want the credential account only", got)
	}
	r.h.as("hydra-bob", map[string]any{}) // no email: the unlinked account names no one
	after := r.browser(t)
	if loc, _ := after.follow(t, first(after.start(t, "hydra"))); loc != "/oops?error=email_not_found" {
		t.Errorf("the unlinked account's sign-in went to %q", loc)
	}
	r.h.as("hydra-carol", map[string]any{"email": "carol@example.com", "email_verified": true})
	carol := r.browser(t)
	if loc, _ := carol.follow(t, first(carol.start(t, "hydra-untrusted"))); loc != "/welcome" {
		t.Fatalf("carol's sign-up went to %q", loc)
	}
	_, only := carol.accounts(t)
	status, out, _ := carol.post(t, "unlink-account", map[string]any{"accountId": only[0].ID})
	if status != http.StatusBadRequest || out["code"] != "FAILED_TO_UNLINK_LAST_ACCOUNT" {
		t.Errorf("unlinking the last account: %d %v", status, out)
	}
}
