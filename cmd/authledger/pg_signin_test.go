package main

import (
	"context"
	"strconv"
	"testing"
)

// TestPGSignInBackoffAcrossNodes: two nodes on one PostgreSQL database
// share the per-address sign-in count (it lives in the log, not in a
// node's memory): failures alternating between the nodes start the
// backoff, which the other node enforces at once — the right password
// refused with 429 ACCOUNT_LOCKED and Retry-After — the same for an
// address with an account and one without. Runs when
// AUTHLEDGER_TEST_POSTGRES is set.
func TestPGSignInBackoffAcrossNodes(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	backoff := []string{"--signin-free-failures", "2", "--signin-backoff", "1m"}
	a, b := startPGNode(t, db, backoff...), startPGNode(t, db, backoff...)
	ctx, client := context.Background(), newPGClient(4)
	mustOK(t, "sign-up on A", authCall(ctx, client, a.URL, signUpCall("known@example.test", "Known")))
	type answer struct {
		status     int
		code       string
		retryAfter bool
	}
	run := func(addr string) []answer {
		var got []answer
		for i, node := range []*server{a, b, a, b} { // three failures, then the right password on the other node
			pw := "wrong horse 1"
			if i == 3 {
				pw = pgPassword
			}
			r := authCall(ctx, client, node.URL, signInCall(addr, pw))
			if r.err != nil {
				t.Fatalf("%s attempt %d: %v", addr, i, r)
			}
			secs, err := strconv.Atoi(r.header.Get("Retry-After"))
			got = append(got, answer{r.status, r.code(), err == nil && secs >= 1 && secs <= 60})
		}
		return got
	}
	known, unknown := run("known@example.test"), run("nobody@example.test")
	fail := answer{401, "INVALID_EMAIL_OR_PASSWORD", false}
	want := []answer{fail, fail, fail, {429, "ACCOUNT_LOCKED", true}}
	for i := range want {
		if known[i] != want[i] || unknown[i] != want[i] {
			t.Errorf("attempt %d: known %+v, unknown %+v, want %+v for both", i, known[i], unknown[i], want[i])
		}
	}
}
