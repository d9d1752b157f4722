package httpapi

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
)

// sqliteHarness runs the server on a real SQLite event store file.
func sqliteHarness(t *testing.T, opts ...option) *harness {
	t.Helper()
	store, err := essqlite.Open(context.Background(), filepath.Join(t.TempDir(), "events.db"), essqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	return newHarnessOn(t, store, opts...)
}

// TestTwoFactorConcurrentSameCode: the same code sent
// by concurrent requests (same challenge, and separate challenges) opens
// exactly one session.
func TestTwoFactorConcurrentSameCode(t *testing.T) {
	h := sqliteHarness(t)
	secret, _, _ := h.enrolled("alice@example.com")
	for round, sameChallenge := range []bool{true, false} {
		h.clock.Advance(30 * time.Second)
		code := codeAt(t, secret, h.clock.Now())
		const n = 8
		cookies := make([]string, n)
		shared := h.challenge("alice@example.com")
		for i := range cookies {
			cookies[i] = shared
			if !sameChallenge {
				cookies[i] = h.challenge("alice@example.com")
			}
		}
		before := h.count(session.TypeCreated)
		statuses := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { statuses[i] = h.verify("verify-totp", cookies[i], code, false).status })
		}
		wg.Wait()
		ok := 0
		for _, st := range statuses {
			if st == 200 {
				ok++
			} else if st != 401 {
				t.Errorf("round %d: status %d", round, st)
			}
		}
		if ok != 1 {
			t.Errorf("round %d (same challenge %v): %d successes %v, want exactly 1", round, sameChallenge, ok, statuses)
		}
		if got := h.count(session.TypeCreated) - before; got != 1 {
			t.Errorf("round %d: %d sessions opened, want 1", round, got)
		}
	}
}

// TestTwoFactorLockout: wrong TOTP and backup codes
// count toward one per-person limit that survives new challenges; past it
// even a right code is refused until the cooldown.
func TestTwoFactorLockout(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.TwoFactor.Lockout = twofactor.Lockout{Threshold: 3, Cooldown: 15 * time.Minute}
	})
	secret, _, _ := h.enrolled("alice@example.com")
	h.clock.Advance(time.Minute)
	wrong := []struct{ route, code string }{
		{"verify-totp", "000000"}, {"verify-backup-code", "aaaaa-bbbbb"}, {"verify-totp", "111111"},
	}
	for i, w := range wrong {
		code := w.code
		if code == codeAt(t, secret, h.clock.Now()) {
			code = "222222"
		}
		if r := h.verify(w.route, h.challenge("alice@example.com"), code, false); r.status != 401 {
			t.Fatalf("wrong code %d: %d %s", i, r.status, r.body)
		}
	}
	pending := h.challenge("alice@example.com")
	r := h.verify("verify-totp", pending, codeAt(t, secret, h.clock.Now()), false)
	if r.status != 429 || r.json(t)["code"] != "TOO_MANY_ATTEMPTS" {
		t.Fatalf("right code while locked: %d %s", r.status, r.body)
	}
	if got := h.countReason(twofactor.ReasonLocked); got != 1 {
		t.Errorf("locked events: %d", got)
	}
	h.clock.Advance(15 * time.Minute)
	if r := h.verify("verify-totp", h.challenge("alice@example.com"), codeAt(t, secret, h.clock.Now()), false); r.status != 200 {
		t.Errorf("after the cooldown: %d %s", r.status, r.body)
	}
	if got := h.count(twofactor.TypeCodeRejected); got != 4 {
		t.Errorf("code_rejected events: %d, want 4 (every failure is an event)", got)
	}
}

// TestBackupCodes: stored hashed (nothing readable in
// the log, secret sealed too), each works once, a new set replaces the old.
func TestBackupCodes(t *testing.T) {
	h := newHarness(t)
	secret, codes, cookie := h.enrolled("alice@example.com")
	r := h.verify("verify-backup-code", h.challenge("alice@example.com"), codes[0], false)
	if r.status != 200 || r.json(t)["token"] == nil {
		t.Fatalf("backup code: %d %s", r.status, r.body)
	}
	r = h.verify("verify-backup-code", h.challenge("alice@example.com"), codes[0], false)
	if r.status != 401 || r.json(t)["code"] != "INVALID_BACKUP_CODE" {
		t.Errorf("backup code twice: %d %s", r.status, r.body)
	}
	r = h.post("/two-factor/generate-backup-codes", `{"password":"`+tfPassword+`"}`, withCookie(cookie))
	m := r.json(t)
	if r.status != 200 || m["status"] != true || len(m["backupCodes"].([]any)) != 10 {
		t.Fatalf("generate-backup-codes: %d %s", r.status, r.body)
	}
	if r := h.verify("verify-backup-code", h.challenge("alice@example.com"), codes[1], false); r.status != 401 {
		t.Errorf("old backup code after regeneration: %d %s", r.status, r.body)
	}
	fresh := m["backupCodes"].([]any)[0].(string)
	if r := h.verify("verify-backup-code", h.challenge("alice@example.com"), fresh, false); r.status != 200 {
		t.Errorf("new backup code: %d %s", r.status, r.body)
	}
	recs, err := h.store.ReadAll(context.Background(), eventstore.Position{}, 100000)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		for _, plain := range append([]string{secret, fresh}, codes...) {
			if bytes.Contains(rec.Data, []byte(plain)) {
				t.Errorf("%s stores %q in the clear", rec.Type, plain)
			}
		}
	}
}

// TestTwoFactorDisable: fresh session required, wrong password refused
// and recorded, the session replaced, trusted devices revoked.
func TestTwoFactorDisable(t *testing.T) {
	h := newHarness(t)
	secret, _, cookie := h.enrolled("alice@example.com")
	h.clock.Advance(30 * time.Second)
	r := h.verify("verify-totp", h.challenge("alice@example.com"), codeAt(t, secret, h.clock.Now()), true)
	trusted := cookieNamed(r, "better-auth.trust_device")
	h.clock.Advance(25 * time.Hour)
	stale := h.post("/two-factor/disable", `{"password":"`+tfPassword+`"}`, withCookie(cookie))
	if stale.status != 403 || stale.json(t)["code"] != "SESSION_NOT_FRESH" {
		t.Fatalf("disable on a stale session: %d %s", stale.status, stale.body)
	}
	fresh := h.post("/sign-in/email", `{"email":"alice@example.com","password":"`+tfPassword+`"}`, withCookie(trusted))
	cookie = cookieHeader(fresh)
	if r := h.post("/two-factor/disable", `{"password":"nope nope nope"}`, withCookie(cookie)); r.status != 400 {
		t.Errorf("disable with a wrong password: %d %s", r.status, r.body)
	}
	if got := h.count(twofactor.TypeActionRefused); got != 1 {
		t.Errorf("action_refused events: %d", got)
	}
	r = h.post("/two-factor/disable", `{"password":"`+tfPassword+`"}`, withCookie(cookie))
	if r.status != 200 || string(r.body) != `{"status":true}` || cookieHeader(r) == "" {
		t.Fatalf("disable: %d %s %v", r.status, r.body, r.cookies)
	}
	if u := h.get("/get-session", withCookie(cookieHeader(r))).json(t)["user"].(map[string]any); u["twoFactorEnabled"] != false {
		t.Errorf("twoFactorEnabled after disable: %v", u["twoFactorEnabled"])
	}
	// Re-enrol: the old trusted-device cookie no longer skips the code.
	h.clock.Advance(time.Minute)
	c2 := cookieHeader(r)
	m := h.post("/two-factor/enable", `{"password":"`+tfPassword+`"}`, withCookie(c2)).json(t)
	s2 := secretOf(t, m["totpURI"].(string))
	if r := h.post("/two-factor/verify-totp", `{"code":"`+codeAt(t, s2, h.clock.Now())+`"}`, withCookie(c2)); r.status != 200 {
		t.Fatalf("re-enrol: %d %s", r.status, r.body)
	}
	r = h.post("/sign-in/email", `{"email":"alice@example.com","password":"`+tfPassword+`"}`, withCookie(trusted))
	if !strings.Contains(string(r.body), "twoFactorRedirect") {
		t.Errorf("a revoked trusted device skipped 2FA: %d %s", r.status, r.body)
	}
}
