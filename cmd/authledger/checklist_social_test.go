package main

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// Security checklist items 46 and 47 for social sign-in and linking,
// against two real Hydras (checklistRig).

// attack is one bad callback of checklist item 46. run drives v (and m,
// another browser) and returns where authledger's callback sent v.
type attack struct {
	name string
	// provider is the one whose flows are attacked ("hydra" when empty).
	provider string
	// want is the error code the browser is sent back with.
	want string
	// cause is what the server logs as the refusal's cause (its warning
	// names the check that failed); empty when it logs none.
	cause string
	// flowless: the callback names no flow (no state, or one that was
	// never issued), so there is no flow to record the failure on; the
	// browser goes to the server's error page.
	flowless bool
	// setup, when set, runs before the audit log is counted.
	setup func(t *testing.T, a *attackEnv)
	run   func(t *testing.T, a *attackEnv) string
}

// attackEnv is what one attack works with: the rig, the browser under test
// (v), another browser (m), and whether the flows are link-social ones
// (v and m are then signed in with a password) or sign-ins.
type attackEnv struct {
	r        *checklistRig
	v, m     *socialBrowser
	link     bool
	provider string
	// used is a callback query whose code was redeemed (setup).
	used url.Values
}

// begin starts a flow of the attacked provider from b.
func (a *attackEnv) begin(t *testing.T, b *socialBrowser) string {
	return b.begin(t, a.provider, a.link)
}

// swapped starts v's flow, has the front replace the ID token Hydra
// returns by the one forge builds from the flow's nonce and the genuine
// token, and follows the flow to the callback.
func (a *attackEnv) swapped(t *testing.T, forge func(nonce string) func(genuine string) string) string {
	authURL := a.begin(t, a.v)
	u, _ := url.Parse(authURL)
	a.r.front.swapIDToken(forge(u.Query().Get("nonce")))
	defer a.r.front.swapIDToken(nil)
	loc, _ := a.v.follow(t, authURL)
	return loc
}

// hasAud reports whether an ID token's aud names client.
func hasAud(claims map[string]any, client string) bool {
	switch aud := claims["aud"].(type) {
	case string:
		return aud == client
	case []any:
		return slices.Contains(aud, any(client))
	}
	return false
}

// checklistAttacks are item 46's callbacks, each of which must open no
// session and link nothing.
var checklistAttacks = []attack{
	{name: "missing state", want: "state_mismatch", flowless: true, run: func(t *testing.T, a *attackEnv) string {
		q := a.v.intercept(t, a.begin(t, a.v))
		q.Del("state")
		return a.v.deliver(t, a.provider, q)
	}},
	{name: "forged state", want: "state_mismatch", flowless: true, run: func(t *testing.T, a *attackEnv) string {
		q := a.v.intercept(t, a.begin(t, a.v))
		q.Set("state", strings.Repeat("A", len(q.Get("state"))))
		return a.v.deliver(t, a.provider, q)
	}},
	{name: "mismatched state (the browser's earlier flow, its later flow's cookie)", want: "state_mismatch",
		run: func(t *testing.T, a *attackEnv) string {
			earlier := a.begin(t, a.v)
			a.begin(t, a.v) // the state cookie is now this flow's
			return a.v.deliver(t, a.provider, a.v.intercept(t, earlier))
		}},
	{name: "state of another browser", want: "state_mismatch", run: func(t *testing.T, a *attackEnv) string {
		return a.v.deliver(t, a.provider, a.m.intercept(t, a.begin(t, a.m)))
	}},
	{name: "wrong PKCE verifier (another flow's code with this flow's state and cookie)", want: "invalid_code",
		cause: "The PKCE code challenge did not match the code verifier",
		run: func(t *testing.T, a *attackEnv) string {
			stolen := a.m.intercept(t, a.begin(t, a.m))
			own := a.v.intercept(t, a.begin(t, a.v))
			own.Set("code", stolen.Get("code"))
			return a.v.deliver(t, a.provider, own)
		}},
	{name: "reused code (already redeemed by its own flow)", want: "invalid_code",
		cause: "The authorization code has already been used",
		setup: func(t *testing.T, a *attackEnv) {
			w := a.r.browser(t) // signs in with it
			a.used = w.intercept(t, w.begin(t, "hydra", false))
			if loc := w.deliver(t, "hydra", a.used); loc != "/home" {
				t.Fatalf("the code's own flow went to %q", loc)
			}
		},
		run: func(t *testing.T, a *attackEnv) string {
			own := a.v.intercept(t, a.begin(t, a.v))
			own.Set("code", a.used.Get("code"))
			return a.v.deliver(t, a.provider, own)
		}},
	{name: "ID token for another client (wrong aud, a second Hydra client)", want: "invalid_id_token",
		cause: "oidc: expected audience",
		run: func(t *testing.T, a *attackEnv) string {
			return a.swapped(t, func(nonce string) func(string) string {
				tok := idTokenAt(t, a.r.h.Public, a.r.stranger, strangerRedirect, nonce)
				if c := claimsOf(t, tok); !hasAud(c, a.r.stranger.ID) || c["iss"] != a.r.h.Public || c["nonce"] != nonce {
					t.Fatalf("the stranger's token: %v", c)
				}
				return func(string) string { return tok }
			})
		}},
	{name: "ID token of another issuer (a provider configured with an issuer alias of Hydra A)",
		provider: "hydra-alias", want: "invalid_id_token", cause: "oidc: id token issued by a different provider",
		run: func(t *testing.T, a *attackEnv) string {
			loc, _ := a.v.follow(t, a.begin(t, a.v))
			return loc
		}},
	{name: "ID token signed by another provider (a second Hydra, same client id, same nonce)", want: "invalid_id_token",
		cause: "failed to verify signature",
		run: func(t *testing.T, a *attackEnv) string {
			return a.swapped(t, func(nonce string) func(string) string {
				tok := idTokenAt(t, a.r.b.Public, a.r.clientB, a.r.base+"/api/auth/callback/hydra-b", nonce)
				if c := claimsOf(t, tok); !hasAud(c, a.r.client.ID) || c["iss"] != a.r.b.Public || c["nonce"] != nonce {
					t.Fatalf("Hydra B's token: %v", c)
				}
				return func(string) string { return tok }
			})
		}},
	{name: "bad nonce (this client's genuine token of another flow)", want: "invalid_id_token",
		cause: "nonce is not the flow's",
		run: func(t *testing.T, a *attackEnv) string {
			return a.swapped(t, func(nonce string) func(string) string {
				tok := idTokenAt(t, a.r.h.Public, a.r.client, a.r.base+"/api/auth/callback/hydra", "another-flows-nonce-0123456789")
				if c := claimsOf(t, tok); !hasAud(c, a.r.client.ID) || c["nonce"] == nonce {
					t.Fatalf("the other flow's token: %v", c)
				}
				return func(string) string { return tok }
			})
		}},
	{name: "alg none ID token (the genuine claims, unsigned)", want: "invalid_id_token",
		cause: `unexpected signature algorithm \"none\"`,
		run: func(t *testing.T, a *attackEnv) string {
			return a.swapped(t, func(string) func(string) string { return unsigned })
		}},
}

// grantTypes are the events a refused callback must not append.
var grantTypes = []string{"session.created", "person.signed_up", "person.account_linked", "account.created",
	"social.sign_in_succeeded"}

// TestChecklist46CallbackRefusals is security checklist item 46 through
// real Hydras, for the sign-in and the link-social flows: a missing, forged
// or mismatched state, the state of another browser, another flow's code
// (Hydra refuses the PKCE verifier), a reused code, and ID tokens with the
// wrong audience (another Hydra client), the wrong issuer (a provider
// configured with an alias of Hydra's issuer), another signer (a second
// Hydra), another nonce, or alg none (a front replaces Hydra's ID token)
// each send the browser to the error URL with their code, open no session,
// link and create nothing, and, when the callback names a flow, record the
// flow's failure in the audit log (social.sign_in_failed, outcome
// failure). The server's warning names the check that refused each.
func TestChecklist46CallbackRefusals(t *testing.T) {
	r := startChecklistRig(t)
	// A good flow first: the rig works, and the token endpoint's client
	// authentication is settled (the OAuth 2 library tries a second method
	// after a failed first exchange, which would hide a refusal's cause).
	r.as("good-one", map[string]any{"email": "good@example.com", "email_verified": true})
	b := r.browser(t)
	if loc, _ := b.follow(t, b.begin(t, "hydra", false)); loc != "/home" {
		t.Fatalf("a good sign-in went to %q", loc)
	}
	if email, _ := b.session(t); email != "good@example.com" {
		t.Fatalf("a good sign-in is %q", email)
	}
	for _, mode := range []string{"sign-in", "link-social"} {
		for i, at := range checklistAttacks {
			t.Run(mode+"/"+at.name, func(t *testing.T) {
				sub := strings.ReplaceAll(mode, "-", "") + "-victim-" + string(rune('a'+i))
				r.as(sub, map[string]any{"email": sub + "@example.com", "email_verified": true})
				a := &attackEnv{r: r, v: r.browser(t), m: r.browser(t), link: mode == "link-social", provider: at.provider}
				if a.provider == "" {
					a.provider = "hydra"
				}
				var vID, mID string
				if a.link {
					vID, mID = a.v.signUp(t, sub+"-v@example.com"), a.m.signUp(t, sub+"-m@example.com")
				}
				if at.setup != nil {
					at.setup(t, a)
				}
				before := r.auditCounts(t, append(grantTypes, "social.sign_in_failed")...)
				logged := len(r.srv.Stderr())
				loc := at.run(t, a)
				// the server's log lines reach its stderr from a writer goroutine,
				// a moment after the answer: wait for the cause (at most 5 s)
				for deadline := time.Now().Add(5 * time.Second); !strings.Contains(r.srv.Stderr()[logged:], at.cause) &&
					time.Now().Before(deadline); {
					time.Sleep(10 * time.Millisecond)
				}
				if cause := r.srv.Stderr()[logged:]; !strings.Contains(cause, at.cause) {
					t.Errorf("the refusal's logged cause is not %q:\n%s", at.cause, cause)
				}
				after := r.auditCounts(t, append(grantTypes, "social.sign_in_failed")...)

				want := "/oops?error=" + at.want
				if at.flowless {
					want = "/api/auth/error?error=" + at.want
				}
				if loc != want {
					t.Errorf("the callback went to %q, want %q", loc, want)
				}
				for _, typ := range grantTypes {
					if got := after[typ] - before[typ]; got != 0 {
						t.Errorf("%d × %s appended", got, typ)
					}
				}
				if got := after["social.sign_in_failed/failure"] - before["social.sign_in_failed/failure"]; got != map[bool]int{true: 0, false: 1}[at.flowless] {
					t.Errorf("%d failures recorded in the audit log", got)
				}
				if a.link {
					for b, id := range map[*socialBrowser]string{a.v: vID, a.m: mID} {
						if _, got := b.session(t); got != id {
							t.Errorf("the browser of %s is now %q", id, got)
						}
						if accs, _ := b.accounts(t); len(accs) != 1 || !strings.HasPrefix(accs[0], "credential ") {
							t.Errorf("%s's accounts: %v", id, accs)
						}
					}
				} else if email, _ := a.v.session(t); email != "" {
					t.Errorf("the browser is signed in as %q", email)
				}
			})
		}
	}
}

// TestChecklist47DistinctIdentities is security checklist item 47 with two
// real Hydras (two issuers) and two clients of one of them: identities
// with the same subject ("alice") or the same email from different
// providers become distinct people, never merged; a provider's identity
// whose email is another person's is not linked to them unless the
// provider is trusted and says the email is verified (the explicit
// policy) — neither alone links to a password account. Steps run in order;
// each names who it must sign in ("" for no one) and where it lands.
func TestChecklist47DistinctIdentities(t *testing.T) {
	r := startChecklistRig(t)
	people := map[string]string{} // step's person name → id
	dave := r.browser(t)
	people["dave"] = dave.signUp(t, "dave@example.com")
	before := r.auditCounts(t, "person.signed_up", "person.account_linked")
	steps := []struct {
		name, provider, sub, email string
		verified                   bool
		// person is who is signed in afterwards: a name seen before, a new
		// name (a new person), or "" (no one).
		person, land string
	}{
		{"issuer A's alice signs up", "hydra", "alice", "alice@example.com", true, "alice-a", "/home"},
		{"issuer B's alice (same sub) is another person", "hydra-b", "alice", "alice@b.example", true, "alice-b", "/home"},
		{"issuer A's alice again", "hydra", "alice", "alice@example.com", true, "alice-a", "/home"},
		{"issuer B's alice, now with A's email, stays B's person", "hydra-b", "alice", "alice@example.com", true, "alice-b", "/home"},
		{"another client of issuer A, same sub and email, untrusted: not merged", "hydra-untrusted", "alice", "alice@example.com", true, "", "/oops?error=account_not_linked"},
		{"issuer B, another sub with A's verified email, untrusted: not merged", "hydra-b", "mallory", "alice@example.com", true, "", "/oops?error=account_not_linked"},
		{"untrusted provider, verified email of a password account: not linked", "hydra-b", "dave-b", "dave@example.com", true, "", "/oops?error=account_not_linked"},
		{"trusted provider, unverified email of a password account: not linked", "hydra", "dave-a", "dave@example.com", false, "", "/oops?error=account_not_linked"},
		{"trusted provider, verified email (the explicit policy): linked", "hydra", "dave-a", "dave@example.com", true, "dave", "/home"},
	}
	newPeople := 0
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			r.as(s.sub, map[string]any{"email": s.email, "email_verified": s.verified})
			b := r.browser(t)
			loc, _ := b.follow(t, b.begin(t, s.provider, false))
			if loc != s.land {
				t.Errorf("went to %q, want %q", loc, s.land)
			}
			_, id := b.session(t)
			known, seen := people[s.person]
			switch {
			case s.person == "" && id != "":
				t.Errorf("signed in %s", id)
			case s.person != "" && seen && id != known:
				t.Errorf("signed in %q, want %s's %s", id, s.person, known)
			case s.person != "" && !seen:
				for name, other := range people {
					if other == id {
						t.Errorf("a new identity signed in as %s (%s)", name, id)
					}
				}
				people[s.person] = id
				newPeople++
			}
		})
	}
	// Each person has their own provider accounts only. Dave's password
	// was set while his address was unproven, so the trusted provider
	// proving the address removed it (pre-hijacking): the provider's
	// account is his only way in now.
	for name, want := range map[string][]string{"alice-a": {"hydra alice"}, "alice-b": {"hydra-b alice"},
		"dave": {"hydra dave-a"}} {
		r.as(map[string]string{"alice-a": "alice", "alice-b": "alice", "dave": "dave-a"}[name],
			map[string]any{"email": "x@example.com"})
		b := r.browser(t)
		provider := map[string]string{"alice-a": "hydra", "alice-b": "hydra-b", "dave": "hydra"}[name]
		b.follow(t, b.begin(t, provider, false))
		if got, _ := b.accounts(t); !slices.Equal(got, want) {
			t.Errorf("%s's accounts = %v, want %v", name, got, want)
		}
	}
	after := r.auditCounts(t, "person.signed_up", "person.account_linked")
	if got := after["person.signed_up"] - before["person.signed_up"]; got != newPeople || newPeople != 2 {
		t.Errorf("%d people signed up (%d new in the steps), want 2", got, newPeople)
	}
}
