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

// linkSocial is link-social from the browser: the authorization URL (the
// state cookie lands in the jar).
func (b *socialBrowser) linkSocial(t *testing.T, provider string) string {
	t.Helper()
	status, out, _ := b.post(t, "link-social", map[string]any{"provider": provider, "callbackURL": "/settings",
		"errorCallbackURL": "/oops"})
	u, _ := out["url"].(string)
	if status != http.StatusOK || out["redirect"] != true || u == "" {
		t.Fatalf("link-social: %d %v", status, out)
	}
	return u
}

// TestLinkSocialThroughHydra: a password person links an account of the
// untrusted provider with another email (an explicit link needs no email
// match), stays signed in as themselves, lists both accounts, cannot link
// an account that signs someone else in, then unlinks the linked account
// and can no longer sign in through it.
func TestLinkSocialThroughHydra(t *testing.T) {
	r := startSocialRig(t)
	b := r.browser(t)
	if status, out, _ := b.post(t, "sign-up/email", map[string]any{"name": "Dan", "email": "dan@example.com",
		"password": "correct horse 1"}); status != http.StatusOK {
		t.Fatalf("sign-up: %d %v", status, out)
	}
	_, danID := b.session(t)
	r.h.as("hydra-dan", map[string]any{"email": "dan@elsewhere.example"})
	if loc, _ := b.follow(t, b.linkSocial(t, "hydra-untrusted")); loc != "/settings" {
		t.Fatalf("link went to %q", loc)
	}
	if _, id := b.session(t); id != danID {
		t.Fatalf("after the link the browser is %q, want %s", id, danID)
	}
	if got, _ := b.accounts(t); len(got) != 2 || got[0] != "credential "+danID || got[1] != "hydra-untrusted hydra-dan" {
		t.Errorf("list-accounts after the link = %v", got)
	}
	r.h.as("hydra-erin", map[string]any{"email": "erin@example.com", "email_verified": true})
	erin := r.browser(t)
	if loc, _ := erin.follow(t, first(erin.start(t, "hydra"))); loc != "/welcome" {
		t.Fatalf("erin's sign-up went to %q", loc)
	}
	if loc, _ := b.follow(t, b.linkSocial(t, "hydra")); loc != "/oops?error=account_already_linked_to_different_user" {
		t.Errorf("linking erin's account went to %q", loc)
	}
	_, accs := b.accounts(t)
	if status, out, _ := b.post(t, "unlink-account", map[string]any{"accountId": accs[1].ID}); status != http.StatusOK {
		t.Fatalf("unlink-account: %d %v", status, out)
	}
	if got, _ := b.accounts(t); len(got) != 1 {
		t.Errorf("list-accounts after the unlink = %v", got)
	}
	r.h.as("hydra-dan", map[string]any{})
	after := r.browser(t)
	if loc, _ := after.follow(t, first(after.start(t, "hydra-untrusted"))); loc != "/oops?error=email_not_found" {
		t.Errorf("the unlinked account's sign-in went to %q", loc)
	}
}
