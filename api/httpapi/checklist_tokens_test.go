package httpapi

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/twofactor"
)

// tokenEnv is a server that mails every kind of secret of checklist item
// 40, each sink read through a mailbox.
type tokenEnv struct {
	h                        *harness
	verify, reset, deletions *mailbox
	n                        int
}

// person signs a new person up (a unique address) and returns the
// address and the session cookie.
func (e *tokenEnv) person(t *testing.T, kind string) (string, string) {
	e.n++
	addr := fmt.Sprintf("%s%d@example.com", kind, e.n)
	c, _ := e.h.signUp(addr, tfPassword, "Token Person")
	return addr, c
}

// mustPost posts body with cookie and wants 200.
func (e *tokenEnv) mustPost(t *testing.T, path, body, cookie string) {
	t.Helper()
	if r := e.h.post(path, body, withCookie(cookie)); r.status != http.StatusOK {
		t.Fatalf("%s: %d %s", path, r.status, r.body)
	}
}

// presenter hands a secret (with the cookie the route needs) to one route
// and reports whether the route accepted it.
type presenter func(t *testing.T, e *tokenEnv, secret, cookie string) (bool, resp)

// presenters are the routes secrets are presented at.
var presenters = map[string]presenter{
	"verify-email": func(t *testing.T, e *tokenEnv, s, c string) (bool, resp) {
		r := e.h.getNoFollow("/verify-email?token="+url.QueryEscape(s), withCookie(c))
		return r.status == http.StatusOK, r
	},
	"reset-password": func(t *testing.T, e *tokenEnv, s, _ string) (bool, resp) {
		r := e.h.reset(s, "brand new horse 9")
		return r.status == http.StatusOK, r
	},
	"delete-user/callback": func(t *testing.T, e *tokenEnv, s, c string) (bool, resp) {
		r := e.h.getNoFollow("/delete-user/callback?token="+url.QueryEscape(s)+"&callbackURL=%2Fbye", withCookie(c))
		return r.status == http.StatusFound && r.header.Get("Location") == "/bye", r
	},
	"two-factor/verify-otp": func(t *testing.T, e *tokenEnv, s, c string) (bool, resp) {
		r := e.h.verify("verify-otp", c, s, false)
		return r.status == http.StatusOK, r
	},
	"two-factor/verify-totp": func(t *testing.T, e *tokenEnv, s, c string) (bool, resp) {
		r := e.h.verify("verify-totp", c, s, false)
		return r.status == http.StatusOK, r
	},
	// Another person's pending sign-in, with a code of its own mailed.
	"two-factor/verify-otp of another sign-in": func(t *testing.T, e *tokenEnv, s, _ string) (bool, resp) {
		addr, c := e.person(t, "other")
		_, pending := e.otp(t, addr, c)
		r := e.h.verify("verify-otp", pending, s, false)
		return r.status == http.StatusOK, r
	},
}

// otp enrols addr's person (signed up, session c) in two-factor, signs
// in with the password and has a code mailed; it returns the code and the
// pending sign-in's cookie.
func (e *tokenEnv) otp(t *testing.T, addr, c string) (string, string) {
	t.Helper()
	r := e.h.post("/two-factor/enable", `{"password":"`+tfPassword+`"}`, withCookie(c))
	uri, _ := r.json(t)["totpURI"].(string)
	if r.status != 200 || uri == "" {
		t.Fatalf("enable: %d %s", r.status, r.body)
	}
	code := codeAt(t, secretOf(t, uri), e.h.clock.Now())
	if r := e.h.post("/two-factor/verify-totp", `{"code":"`+code+`"}`, withCookie(c)); r.status != 200 {
		t.Fatalf("verify-totp (enrolment): %d %s", r.status, r.body)
	}
	pending := e.h.challenge(addr)
	e.mustPost(t, "/two-factor/send-otp", `{}`, pending)
	return e.reset.next(t, addr, otpRE), pending
}

// secretKind is one kind of mailed secret of checklist item 40.
type secretKind struct {
	name string
	ttl  time.Duration
	// home is the route the secret is for; elsewhere are routes of other
	// purposes it is refused by.
	home      string
	elsewhere []string
	// issue has a new person's secret mailed and returns it with the
	// cookie its routes need.
	issue func(t *testing.T, e *tokenEnv) (secret, cookie string)
}

var secretKinds = []secretKind{
	{name: "email verification link", ttl: person.VerifyTTL, home: "verify-email",
		elsewhere: []string{"reset-password", "delete-user/callback"},
		issue: func(t *testing.T, e *tokenEnv) (string, string) {
			addr, c := e.person(t, "verify")
			e.mustPost(t, "/send-verification-email", `{"email":"`+addr+`"}`, c)
			return e.verify.next(t, addr, verifyTokenRE), c
		}},
	{name: "change-email link", ttl: person.VerifyTTL, home: "verify-email",
		elsewhere: []string{"reset-password", "delete-user/callback"},
		issue: func(t *testing.T, e *tokenEnv) (string, string) {
			addr, c := e.person(t, "change")
			e.mustPost(t, "/change-email", `{"newEmail":"moved-`+addr+`"}`, c)
			return e.verify.next(t, "moved-"+addr, verifyTokenRE), c
		}},
	{name: "delete-user confirmation link", ttl: person.DeleteTTL, home: "delete-user/callback",
		elsewhere: []string{"verify-email", "reset-password"},
		issue: func(t *testing.T, e *tokenEnv) (string, string) {
			addr, c := e.person(t, "delete")
			e.mustPost(t, "/delete-user", `{"callbackURL":"/bye"}`, c)
			return e.deletions.next(t, addr, deleteLinkRE), c
		}},
	{name: "password reset link", ttl: account.ResetTTL, home: "reset-password",
		elsewhere: []string{"verify-email", "delete-user/callback"},
		issue: func(t *testing.T, e *tokenEnv) (string, string) {
			addr, c := e.person(t, "reset")
			e.mustPost(t, "/request-password-reset", `{"email":"`+addr+`","redirectTo":"/reset"}`, "")
			return e.reset.next(t, addr, resetTokenRE), c
		}},
	{name: "emailed two-factor code (send-otp)", ttl: twofactor.OTPTTL, home: "two-factor/verify-otp",
		elsewhere: []string{"two-factor/verify-totp", "two-factor/verify-otp of another sign-in"},
		issue: func(t *testing.T, e *tokenEnv) (string, string) {
			addr, c := e.person(t, "otp")
			return e.otp(t, addr, c)
		}},
}

// TestChecklist40MailedSecrets is security checklist item 40 for every
// secret the server mails: each works once; works until just before its
// TTL and not at it (the emailed code's TTL is at most 10 minutes); and is
// refused by the routes of other purposes (a verification link by
// reset-password and delete-user/callback, a reset or delete-account link
// by verify-email, a code by TOTP and by another sign-in) without being
// spent there. The server's clock is the harness's.
func TestChecklist40MailedSecrets(t *testing.T) {
	reset, resetSink := withSink(t)
	verify, verifySink := withVerification(t, verification.Config{ChangeEmail: true})
	del, delSink := withDeletion(t, deletion.Config{Enabled: true, ByEmail: true})
	h := newHarness(t, reset, verify, del)
	e := &tokenEnv{h: h, verify: &mailbox{sink: verifySink}, reset: &mailbox{sink: resetSink},
		deletions: &mailbox{sink: delSink}}
	if twofactor.OTPTTL > 10*time.Minute {
		t.Errorf("emailed codes live %s, more than 10 minutes", twofactor.OTPTTL)
	}
	for _, k := range secretKinds {
		home := presenters[k.home]
		refused := func(t *testing.T, what string, ok bool, r resp) {
			t.Helper()
			if ok || r.status >= 500 {
				t.Errorf("%s: accepted or failed: %d %s", what, r.status, r.body)
			}
		}
		t.Run(k.name+"/works once", func(t *testing.T) {
			s, c := k.issue(t, e)
			if ok, r := home(t, e, s, c); !ok {
				t.Fatalf("first use: %d %s", r.status, r.body)
			}
			ok, r := home(t, e, s, c)
			refused(t, "second use", ok, r)
		})
		t.Run(k.name+"/works just before its TTL", func(t *testing.T) {
			s, c := k.issue(t, e)
			h.clock.Advance(k.ttl - time.Second)
			if ok, r := home(t, e, s, c); !ok {
				t.Errorf("%s after issue: %d %s", k.ttl-time.Second, r.status, r.body)
			}
		})
		t.Run(k.name+"/expires at its TTL", func(t *testing.T) {
			s, c := k.issue(t, e)
			h.clock.Advance(k.ttl)
			ok, r := home(t, e, s, c)
			refused(t, k.ttl.String()+" after issue", ok, r)
		})
		t.Run(k.name+"/bound to its purpose", func(t *testing.T) {
			s, c := k.issue(t, e)
			for _, route := range k.elsewhere {
				ok, r := presenters[route](t, e, s, c)
				refused(t, route, ok, r)
			}
			if ok, r := home(t, e, s, c); !ok {
				t.Errorf("%s after the refusals elsewhere: %d %s", k.home, r.status, r.body)
			}
		})
	}
}
