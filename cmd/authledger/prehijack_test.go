package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail/mailtest"
)

// Account pre-hijacking (Sudhodanan & Paverd, USENIX Security 2022)
// through the binary and a real OpenID provider (Hydra): the variants that
// need one. The classic, unexpired-session and unchanged-email variants
// run over HTTP in api/httpapi (prehijack_test.go).

// startMailRig is the social rig with mail going to a local SMTP sink and
// no verification mail at sign-up (so the sink holds only what a test
// asks for).
func startMailRig(t *testing.T) (*socialRig, *mailtest.Sink) {
	sink := mailtest.Start(t)
	r := startSocialRig(t, "--smtp-url", fmt.Sprintf("smtp://%s?from=noreply@example.com", sink.Addr()),
		"--send-verification-on-sign-up", "off")
	return r, sink
}

// setPassword asks for a reset link for addr (the n-th mail of the sink)
// and sets pw with its token.
func (b *socialBrowser) setPassword(t *testing.T, sink *mailtest.Sink, n int, addr, pw string) {
	t.Helper()
	if status, out, _ := b.post(t, "request-password-reset", map[string]any{"email": addr, "redirectTo": "/reset"}); status != http.StatusOK {
		t.Fatalf("request-password-reset: %d %v", status, out)
	}
	link, err := url.Parse(mailedLink(t, sink, n, addr))
	if err != nil {
		t.Fatal(err)
	}
	token := strings.TrimPrefix(link.Path, "/api/auth/reset-password/")
	if status, out, _ := b.post(t, "reset-password", map[string]any{"token": token, "newPassword": pw}); status != http.StatusOK {
		t.Fatalf("reset-password: %d %v", status, out)
	}
}

// signIn signs the browser in with a password; it returns the status.
func (b *socialBrowser) signIn(t *testing.T, addr, pw string) int {
	t.Helper()
	status, _, _ := b.post(t, "sign-in/email", map[string]any{"email": addr, "password": pw})
	return status
}

// TestPreHijackFederatedMergeThroughHydra is the classic–federated merge
// (with a trojan identifier): a squatter signs up with Bob's address and a
// password, links a provider account of their own and stays signed in;
// Bob signs in through the trusted provider, which vouches for the
// address. Bob lands in the account, and the squatter's password, linked
// account and session are gone. Bob, now without a password, sets one with the
// forgot-password link (a set-password link), signs in with it, then
// unlinks it again (the provider remains), after which it signs no one in.
func TestPreHijackFederatedMergeThroughHydra(t *testing.T) {
	r, sink := startMailRig(t)
	squatter := r.browser(t)
	if status, out, _ := squatter.post(t, "sign-up/email", map[string]any{"name": "Bob", "email": "bob@example.com",
		"password": "squatter horse 1"}); status != http.StatusOK {
		t.Fatalf("squatter's sign-up: %d %v", status, out)
	}
	_, id := squatter.session(t)
	// The trojan identifier: the squatter links an account of their own.
	r.h.as("hydra-mallory", map[string]any{"email": "mallory@example.com"})
	if loc, _ := squatter.follow(t, squatter.linkSocial(t, "hydra-untrusted")); loc != "/settings" {
		t.Fatalf("squatter's link went to %q", loc)
	}
	r.h.as("hydra-bob", map[string]any{"email": "bob@example.com", "email_verified": true})
	bob := r.browser(t)
	if loc, _ := bob.follow(t, first(bob.start(t, "hydra"))); loc != "/home" {
		t.Fatalf("Bob's sign-in went to %q", loc)
	}
	if _, me := bob.session(t); me != id {
		t.Fatalf("Bob is %q, want the account of his address %s", me, id)
	}
	if email, _ := squatter.session(t); email != "" {
		t.Error("the squatter's session survived the merge")
	}
	if status := r.browser(t).signIn(t, "bob@example.com", "squatter horse 1"); status != http.StatusUnauthorized {
		t.Errorf("the squatter's password after the merge: %d, want 401", status)
	}
	if got, _ := bob.accounts(t); len(got) != 1 || got[0] != "hydra hydra-bob" {
		t.Errorf("accounts after the merge = %v, want hydra's only", got)
	}
	r.h.as("hydra-mallory", map[string]any{"email": "mallory@example.com"})
	trojan := r.browser(t)
	if loc, _ := trojan.follow(t, first(trojan.start(t, "hydra-untrusted"))); loc != "/welcome" {
		t.Errorf("the squatter's own account afterwards went to %q, want a sign-up of its own", loc)
	}
	if _, other := trojan.session(t); other == id {
		t.Error("the squatter's linked account still signs in to Bob's account")
	}

	// Bob is told what the merge removed (mail 1), then sets a password (mail 2).
	if msgs := sink.Wait(1, 15*time.Second); len(msgs) < 1 || msgs[0].To[0] != "bob@example.com" ||
		!strings.Contains(msgs[0].Data, "- the password") || !strings.Contains(msgs[0].Data, "- 1 linked sign-in account(s)") {
		t.Errorf("no notice of what the merge removed: %+v", msgs)
	}
	bob.setPassword(t, sink, 2, "bob@example.com", "owner horse 9")
	if email, _ := bob.session(t); email != "" {
		t.Error("setting a password kept the sessions (a reset ends them all)")
	}
	if status := bob.signIn(t, "bob@example.com", "owner horse 9"); status != http.StatusOK {
		t.Fatalf("sign-in with the password Bob set: %d", status)
	}
	if got, _ := bob.accounts(t); len(got) != 2 || got[0] != "credential "+id || got[1] != "hydra hydra-bob" {
		t.Errorf("accounts after setting a password = %v, want the credential account and hydra's", got)
	}
	if status, out, _ := bob.post(t, "unlink-account", map[string]any{"providerId": "credential"}); status != http.StatusOK || out["status"] != true {
		t.Fatalf("unlink the password: %d %v", status, out)
	}
	if got, _ := bob.accounts(t); len(got) != 1 || got[0] != "hydra hydra-bob" {
		t.Errorf("accounts after unlinking the password = %v, want hydra's only", got)
	}
	if status := r.browser(t).signIn(t, "bob@example.com", "owner horse 9"); status != http.StatusUnauthorized {
		t.Errorf("sign-in with the unlinked password: %d, want 401", status)
	}
	if status, out, _ := bob.post(t, "unlink-account", map[string]any{"providerId": "hydra"}); status != http.StatusBadRequest ||
		out["code"] != "FAILED_TO_UNLINK_LAST_ACCOUNT" {
		t.Errorf("unlink the last way in: %d %v", status, out)
	}
}

// TestPreHijackNonVerifyingIdPThroughHydra: a squatter signs up through a
// provider that does not verify addresses, with Carol's address. Carol,
// who never used that provider, asks for a password link from her
// mailbox: it sets her password, proves the address and unlinks the
// squatter's provider account, whose session ends; that account then
// signs no one in (an untrusted provider never links by email).
func TestPreHijackNonVerifyingIdPThroughHydra(t *testing.T) {
	r, sink := startMailRig(t)
	r.h.as("hydra-mallory", map[string]any{"email": "carol@example.com", "email_verified": false})
	squatter := r.browser(t)
	if loc, _ := squatter.follow(t, first(squatter.start(t, "hydra-untrusted"))); loc != "/welcome" {
		t.Fatalf("squatter's sign-up went to %q", loc)
	}
	_, id := squatter.session(t)
	carol := r.browser(t)
	carol.setPassword(t, sink, 1, "carol@example.com", "owner horse 9")
	if email, _ := squatter.session(t); email != "" {
		t.Error("the squatter's session survived Carol's proof")
	}
	if status := carol.signIn(t, "carol@example.com", "owner horse 9"); status != http.StatusOK {
		t.Fatalf("Carol's sign-in: %d", status)
	}
	if got, _ := carol.accounts(t); len(got) != 1 || got[0] != "credential "+id {
		t.Errorf("Carol's accounts = %v, want her password only", got)
	}
	again := r.browser(t)
	if loc, _ := again.follow(t, first(again.start(t, "hydra-untrusted"))); loc != "/oops?error=account_not_linked" {
		t.Errorf("the squatter's provider account afterwards went to %q", loc)
	}
	if email, _ := again.session(t); email != "" {
		t.Errorf("the squatter's provider account signed in %q", email)
	}
}
