package httpapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/httpapi/passkeyhttp"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/authledger/authledger/eventstore"
	vw "github.com/descope/virtualwebauthn"
)

// TestPasskeySignInRefusals: a replayed assertion,
// a consumed challenge, a challenge past its TTL, an assertion for
// another origin or RP ID, a missing or forged challenge cookie, an old
// assertion under a new challenge: each a 400 with a code, and no session.
func TestPasskeySignInRefusals(t *testing.T) {
	h := newHarness(t, withPasskeyRP)
	_, _, d := h.registered("alice@example.com")
	used := func() (string, string) { // a challenge cookie and the assertion that already signed in with it
		lo, lch := h.authOptions()
		a := d.assert(goodRP, lo)
		if r := h.verifyAuthentication(lch, a); r.status != 200 {
			t.Fatalf("first sign-in: %d %s", r.status, r.body)
		}
		return lch, a
	}
	tests := []struct {
		name     string
		prepare  func() (cookie, assertion string)
		wantCode string
	}{
		{"replayed assertion", used, "CHALLENGE_ALREADY_USED"},
		{"consumed challenge, new assertion", func() (string, string) {
			ch, _ := used()
			opts, err := passkeyOptionsOf(ch)
			if err != nil {
				t.Fatal(err)
			}
			return ch, d.assert(goodRP, opts)
		}, "CHALLENGE_ALREADY_USED"},
		{"challenge past its TTL", func() (string, string) {
			lo, lch := h.authOptions()
			h.clock.Advance(passkey.ChallengeTTL)
			return lch, d.assert(goodRP, lo)
		}, "CHALLENGE_EXPIRED"},
		{"another origin", func() (string, string) {
			lo, lch := h.authOptions()
			return lch, d.assert(vw.RelyingParty{ID: "localhost", Origin: "https://evil.test"}, lo)
		}, "AUTHENTICATION_FAILED"},
		{"another RP ID", func() (string, string) {
			lo, lch := h.authOptions()
			return lch, d.assert(vw.RelyingParty{ID: "evil.test", Origin: pkOrigin}, lo)
		}, "AUTHENTICATION_FAILED"},
		{"no challenge cookie", func() (string, string) {
			lo, _ := h.authOptions()
			return "", d.assert(goodRP, lo)
		}, "CHALLENGE_NOT_FOUND"},
		{"forged challenge cookie", func() (string, string) {
			lo, _ := h.authOptions()
			return "better-auth.better-auth-passkey=forged.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%3D", d.assert(goodRP, lo)
		}, "CHALLENGE_NOT_FOUND"},
		{"old assertion under a new challenge", func() (string, string) {
			_, a := used()
			_, lch := h.authOptions()
			return lch, a
		}, "AUTHENTICATION_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cookie, assertion := tt.prepare()
			before := h.count("session.created")
			r := h.verifyAuthentication(cookie, assertion)
			if r.status != 400 || errCode(r) != tt.wantCode {
				t.Fatalf("got %d %s, want 400 %s", r.status, r.body, tt.wantCode)
			}
			if hasCookie(r, "better-auth.session_token=") || h.count("session.created") != before {
				t.Errorf("a refused assertion opened a session")
			}
		})
	}
}

// passkeyOptionsOf rebuilds the assertion options of a challenge cookie
// (the test's own view of the ceremony it was handed).
func passkeyOptionsOf(cookie string) (*vw.AssertionOptions, error) {
	v := cookie[len("better-auth.better-auth-passkey="):]
	v, _ = url.PathUnescape(v)
	dot := bytes.LastIndexByte([]byte(v), '.')
	cer, err := passkey.DecodeCeremony(v[:dot])
	if err != nil {
		return nil, err
	}
	raw, err := base64.RawURLEncoding.DecodeString(cer.Challenge())
	if err != nil {
		return nil, err
	}
	return &vw.AssertionOptions{Challenge: raw, RelyingPartyID: "localhost"}, nil
}

// TestPasskeyConcurrentSameAssertion: the same assertion and challenge
// posted 8 times at once opens exactly one session, on the memory store
// and on a real SQLite file.
func TestPasskeyConcurrentSameAssertion(t *testing.T) {
	stores := map[string]func(t *testing.T) *harness{
		"memory": func(t *testing.T) *harness { return newHarness(t, withPasskeyRP) },
		"sqlite": func(t *testing.T) *harness { return sqliteHarness(t, withPasskeyRP) },
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			h := open(t)
			_, _, d := h.registered("alice@example.com")
			lo, lch := h.authOptions()
			a := d.assert(goodRP, lo)
			var wg sync.WaitGroup
			statuses := make([]int, 8)
			for i := range statuses {
				wg.Add(1)
				go func() { defer wg.Done(); statuses[i] = h.verifyAuthentication(lch, a).status }()
			}
			wg.Wait()
			ok := 0
			for _, st := range statuses {
				switch st {
				case 200:
					ok++
				case 400:
				default:
					t.Errorf("status %d", st)
				}
			}
			if ok != 1 || h.count(authenticator.TypeUsed) != 1 || h.count("session.created") != 2 {
				t.Errorf("successes = %d (%v), passkey.used = %d, sessions = %d; want 1, 1, 2 (sign-up + passkey)",
					ok, statuses, h.count(authenticator.TypeUsed), h.count("session.created"))
			}
		})
	}
}

// TestPasskeyCounterRegression: an assertion whose counter is not above
// the stored one is refused and recorded as an event.
func TestPasskeyCounterRegression(t *testing.T) {
	h := newHarness(t, withPasskeyRP)
	_, _, d := h.registered("alice@example.com")
	lo, lch := h.authOptions()
	if r := h.verifyAuthentication(lch, d.assert(goodRP, lo)); r.status != 200 {
		t.Fatalf("sign-in: %d %s", r.status, r.body)
	}
	d.cred.Counter -= 2 // a clone that signed less often
	lo, lch = h.authOptions()
	r := h.verifyAuthentication(lch, d.assert(goodRP, lo))
	if r.status != 400 || errCode(r) != "PASSKEY_SIGN_COUNT_REGRESSED" || hasCookie(r, "better-auth.session_token=") {
		t.Fatalf("regressed counter: %d %s", r.status, r.body)
	}
	if n := h.count(authenticator.TypeSignCountRegressed); n != 1 {
		t.Errorf("sign_count_regressed events = %d, want 1", n)
	}
}

// TestPasskeyRegistrationRefusals: a replayed attestation, another
// origin, a ceremony begun for another person, no response.
func TestPasskeyRegistrationRefusals(t *testing.T) {
	h := newHarness(t, withPasskeyRP)
	alice, ra := h.signUp("alice@example.com", tfPassword, "Alice A.")
	aliceID := userID(t, ra)
	bob, _ := h.signUp("bob@example.com", tfPassword, "Bob B.")
	ao, ch := h.registerOptions(alice)
	_, att := attest(goodRP, aliceID, ao)
	if r := h.verifyRegistration(alice, ch, att, ""); r.status != 200 {
		t.Fatalf("register: %d %s", r.status, r.body)
	}
	tests := []struct {
		name     string
		attempt  func() resp
		wantCode string
	}{
		{"replayed attestation", func() resp { return h.verifyRegistration(alice, ch, att, "") }, "CHALLENGE_ALREADY_USED"},
		{"another origin", func() resp {
			ao, ch := h.registerOptions(alice)
			_, att := attest(vw.RelyingParty{ID: "localhost", Origin: "https://evil.test"}, aliceID, ao)
			return h.verifyRegistration(alice, ch, att, "")
		}, "FAILED_TO_VERIFY_REGISTRATION_RESPONSE"},
		{"alice's ceremony with bob's session", func() resp {
			ao, ch := h.registerOptions(alice)
			_, att := attest(goodRP, aliceID, ao)
			return h.verifyRegistration(bob, ch, att, "")
		}, "CHALLENGE_NOT_FOUND"},
		{"no response", func() resp {
			_, ch := h.registerOptions(alice)
			return h.post("/passkey/verify-registration", `{}`, withCookie(alice+"; "+ch))
		}, "VALIDATION_ERROR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := h.count(authenticator.TypeRegistered)
			if r := tt.attempt(); r.status != 400 || errCode(r) != tt.wantCode {
				t.Fatalf("got %d %s, want 400 %s", r.status, r.body, tt.wantCode)
			}
			if h.count(authenticator.TypeRegistered) != before {
				t.Error("a refused attestation registered a passkey")
			}
		})
	}
	if r := h.get("/passkey/generate-register-options", nil); r.status != 401 {
		t.Errorf("register options without a session: %d", r.status)
	}
}

// TestPasskeyManage: rename, another person's passkey is not found,
// delete needs a fresh session, a deleted passkey no longer signs in.
func TestPasskeyManage(t *testing.T) {
	h := newHarness(t, withPasskeyRP)
	alice, _, d := h.registered("alice@example.com")
	bob, _ := h.signUp("bob@example.com", tfPassword, "Bob B.")
	var list []passkeyhttp.PasskeyJSON
	if err := jsonUnmarshal(h.get("/passkey/list-user-passkeys", withCookie(alice)).body, &list); err != nil || len(list) != 1 {
		t.Fatalf("list = %v, %v", list, err)
	}
	id := list[0].ID
	if r := h.post("/passkey/update-passkey", `{"id":"`+id+`","name":"phone"}`, withCookie(alice)); r.status != 200 ||
		!bytes.Contains(r.body, []byte(`"passkey":{`)) || !bytes.Contains(r.body, []byte(`"name":"phone"`)) {
		t.Errorf("rename: %d %s", r.status, r.body)
	}
	for _, path := range []string{"/passkey/update-passkey", "/passkey/delete-passkey"} {
		body := `{"id":"` + id + `"}`
		if path == "/passkey/update-passkey" {
			body = `{"id":"` + id + `","name":"mine"}`
		}
		if r := h.post(path, body, withCookie(bob)); r.status != 404 || errCode(r) != "PASSKEY_NOT_FOUND" {
			t.Errorf("%s on alice's passkey as bob: %d %s", path, r.status, r.body)
		}
	}
	h.clock.Advance(sessions.DefaultFreshAge + time.Minute)
	if r := h.post("/passkey/delete-passkey", `{"id":"`+id+`"}`, withCookie(alice)); r.status != 403 || errCode(r) != "SESSION_NOT_FRESH" {
		t.Fatalf("delete on a stale session: %d %s", r.status, r.body)
	}
	lo, lch := h.authOptions()
	fresh := h.verifyAuthentication(lch, d.assert(goodRP, lo))
	if fresh.status != 200 {
		t.Fatalf("passkey sign-in: %d %s", fresh.status, fresh.body)
	}
	if r := h.post("/passkey/delete-passkey", `{"id":"`+id+`"}`, withCookie(cookieHeader(fresh))); r.status != 200 {
		t.Fatalf("delete on a fresh session: %d %s", r.status, r.body)
	}
	lo, lch = h.authOptions()
	if r := h.verifyAuthentication(lch, d.assert(goodRP, lo)); r.status != 400 || errCode(r) != "AUTHENTICATION_FAILED" {
		t.Errorf("sign-in with a deleted passkey: %d %s", r.status, r.body)
	}
}

// TestPasskeySealed: the log keeps no credential id, public key or name
// in the clear, in any encoding a store could use (raw bytes, hex, every
// base64 alphabet, padded or not; for the key its COSE form and each
// coordinate). The check first proves the needles are right: the owner's
// list-user-passkeys answer carries the public key in one of them.
func TestPasskeySealed(t *testing.T) {
	h := newHarness(t, withPasskeyRP)
	session, r := h.signUp("alice@example.com", tfPassword, "Alice A.")
	ao, ch := h.registerOptions(session)
	d, att := attest(goodRP, userID(t, r), ao)
	if r := h.verifyRegistration(session, ch, att, "Alice's laptop"); r.status != 200 {
		t.Fatalf("register: %d %s", r.status, r.body)
	}
	recs, err := h.store.ReadAll(context.Background(), eventstore.Position{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	cose := d.cred.Key.AttestationData() // a5 01 02 03 26 20 01 21 58 20 <x> 22 58 20 <y>
	if len(cose) != 77 {
		t.Fatalf("COSE key of %d bytes, want 77", len(cose))
	}
	keyNeedles := encodings(cose)
	needles := append(append(append(append(encodings(d.cred.ID), keyNeedles...), encodings(cose[10:42])...),
		encodings(cose[45:77])...), []byte("Alice's laptop"))
	list := h.get("/passkey/list-user-passkeys", withCookie(session))
	if list.status != 200 || !containsAny(list.body, keyNeedles) {
		t.Fatalf("list-user-passkeys (%d) shows the public key in none of the scanned encodings: %s", list.status, list.body)
	}
	registered := 0
	for _, rec := range recs {
		if rec.Type == authenticator.TypeRegistered {
			registered++
		}
		for _, n := range needles {
			if bytes.Contains(rec.Data, n) || bytes.Contains(rec.Meta, n) {
				t.Errorf("%s stores %q in the clear", rec.Type, n)
			}
		}
	}
	if registered != 1 {
		t.Fatalf("%d %s records, want 1: nothing to check", registered, authenticator.TypeRegistered)
	}
}

// encodings are b as raw bytes, lower and upper hex, and base64 in both
// alphabets, padded and not.
func encodings(b []byte) [][]byte {
	out := [][]byte{b, []byte(hex.EncodeToString(b)), []byte(strings.ToUpper(hex.EncodeToString(b)))}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		out = append(out, []byte(enc.EncodeToString(b)))
	}
	return out
}

// containsAny reports whether s contains one of the needles.
func containsAny(s []byte, needles [][]byte) bool {
	for _, n := range needles {
		if bytes.Contains(s, n) {
			return true
		}
	}
	return false
}
