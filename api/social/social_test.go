package social_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/go-jose/go-jose/v4"
)

// env is the social sign-in use cases on the memory adapters against a
// fake provider registered twice: "op" trusted, "untrusted" not.
type env struct {
	*apptest.Env
	t    *testing.T
	ctx  context.Context
	op   *fakeOP
	sess *sessions.Service
	svc  *social.Service
	ids  *identity.Service
}

func newEnv(t *testing.T) *env {
	e := apptest.New(t, apptest.WithoutProjections())
	op := newFakeOP(t)
	sess := sessions.New(e.App, sessions.Config{})
	svc := social.New(e.App, sess, social.Config{BaseURL: "http://auth.test", Providers: []social.Provider{
		{ID: "op", Issuer: op.srv.URL, ClientID: "client-1", ClientSecret: "s1", Scopes: []string{"email"}, Trusted: true},
		{ID: "untrusted", Issuer: op.srv.URL, ClientID: "client-2", ClientSecret: "s2"},
	}})
	ids, err := identity.New(e.App, sess, nil, identity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return &env{Env: e, t: t, ctx: context.Background(), op: op, sess: sess, svc: svc, ids: ids}
}

// start begins a flow with provider.
func (e *env) start(provider string) social.StartResult {
	e.t.Helper()
	r, err := e.svc.Start(e.ctx, social.StartInput{ProviderID: provider, CallbackURL: "/home",
		ErrorCallbackURL: "/oops", NewUserCallbackURL: "/welcome"})
	if err != nil {
		e.t.Fatalf("start: %v", err)
	}
	return r
}

// round runs a whole flow: start, the provider's consent as claims, the
// callback from the same browser.
func (e *env) round(provider string, claims map[string]any) social.CallbackResult {
	e.t.Helper()
	r := e.start(provider)
	state, code := e.op.authorize(r.URL, claims, jose.RS256)
	return e.callback(provider, state, state, code, "")
}

func (e *env) callback(provider, state, cookie, code, perr string) social.CallbackResult {
	e.t.Helper()
	res, err := e.svc.Callback(e.ctx, social.CallbackInput{Caller: app.Caller{IP: "192.0.2.1"}, ProviderID: provider,
		State: state, CookieState: cookie, Code: code, Error: perr})
	if err != nil {
		e.t.Fatalf("callback: %v", err)
	}
	return res
}

func ada(sub string, verified bool) map[string]any {
	return map[string]any{"sub": sub, "email": "Ada@Example.com", "email_verified": verified, "name": "Ada"}
}

func TestNewPersonThenKnownAccount(t *testing.T) {
	e := newEnv(t)
	head := e.Head(t)
	res := e.round("op", ada("sub-1", true))
	if res.Error != "" || res.Token == "" || res.Redirect != "/welcome" {
		t.Fatalf("first sign-in = %+v, want a session and the new-user callback", res)
	}
	a, found, _ := e.sess.Lookup(res.Token)
	if !found || a.Session.PersonID != res.PersonID {
		t.Fatalf("session not live for %s", res.PersonID)
	}
	if u, _ := e.sess.User(res.PersonID); u.Email != "ada@example.com" || !u.EmailVerified || u.Name != "Ada" {
		t.Errorf("user = %+v", u)
	}
	got := e.CountsSince(t, head)
	for typ, n := range map[string]int{"social.sign_in_started": 1, "person.signed_up": 1, "account.created": 1,
		"session.created": 1, "social.sign_in_succeeded": 1} {
		if got[typ] != n {
			t.Errorf("%s × %d, want %d (%v)", typ, got[typ], n, got)
		}
	}
	again := e.round("op", ada("sub-1", true))
	if again.Error != "" || again.PersonID != res.PersonID || again.Redirect != "/home" {
		t.Errorf("second sign-in = %+v, want person %s and the callback", again, res.PersonID)
	}
	if n := e.CountsSince(t, head)["person.signed_up"]; n != 1 {
		t.Errorf("person.signed_up × %d after two sign-ins, want 1", n)
	}
}

func TestStateIsSingleUseAndBoundToTheBrowser(t *testing.T) {
	e := newEnv(t)
	r := e.start("op")
	state, code := e.op.authorize(r.URL, ada("sub-1", true), jose.RS256)
	if res := e.callback("op", state, state, code, ""); res.Token == "" {
		t.Fatalf("callback = %+v", res)
	}
	head := e.Head(t)
	if res := e.callback("op", state, state, code, ""); res.Error != "state_mismatch" || res.Token != "" {
		t.Errorf("replayed callback = %+v, want state_mismatch", res)
	}
	if n := e.CountsSince(t, head)["session.created"]; n != 0 {
		t.Errorf("a replayed callback opened %d sessions", n)
	}
	cases := []struct{ name, provider, state, cookie, code, perr, want string }{
		{"forged state", "op", "forged-state-0000000000000000000", "forged-state-0000000000000000000", "c", "", "state_mismatch"},
		{"no state", "op", "", "", "c", "", "state_mismatch"},
		{"another browser", "op", "", "other", "", "", "state_mismatch"},
		{"another provider's callback", "untrusted", "", "", "", "", "state_mismatch"},
		{"consent denied", "op", "", "", "", "access_denied", "access_denied"},
		{"odd provider error", "op", "", "", "", "<script>", "provider_error"},
		{"no code", "op", "", "", "-", "", "please_restart_the_process"},
		{"wrong code", "op", "", "", "not-a-code", "", "invalid_code"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.start("op")
			st, code := e.op.authorize(r.URL, ada("sub-2", true), jose.RS256)
			if c.state == "" && c.name != "no state" {
				c.state = st
			}
			if c.cookie == "" {
				c.cookie = c.state
			}
			switch c.code {
			case "":
				c.code = code
			case "-":
				c.code = ""
			}
			res := e.callback(c.provider, c.state, c.cookie, c.code, c.perr)
			if res.Error != c.want || res.Token != "" {
				t.Errorf("callback = %+v, want error %s", res, c.want)
			}
			if c.state == st && c.want != "state_mismatch" && res.ErrorURL != "/oops" {
				t.Errorf("error URL = %q, want the flow's /oops", res.ErrorURL)
			}
			// A refused callback of the flow ends it: even the right browser
			// cannot finish it now. Other states leave it alone.
			res = e.callback("op", st, st, code, "")
			if ended := res.Token == ""; ended != (c.state == st) {
				t.Errorf("after the refusal the flow completes: %v", !ended)
			}
		})
	}
}

func TestIDTokenChecks(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name   string
		claims map[string]any
		alg    jose.SignatureAlgorithm
	}{
		{"HMAC signature", ada("s", true), jose.HS256},
		{"unsigned (alg none)", ada("s", true), "none"},
		{"another client's token", map[string]any{"sub": "s", "aud": "client-2"}, jose.RS256},
		{"another nonce", map[string]any{"sub": "s", "nonce": "stolen"}, jose.RS256},
		{"expired", map[string]any{"sub": "s", "exp": time.Now().Add(-time.Hour).Unix()}, jose.RS256},
		{"another issuer", map[string]any{"sub": "s", "iss": "https://evil.test"}, jose.RS256},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.start("op")
			state, code := e.op.authorize(r.URL, c.claims, c.alg)
			if res := e.callback("op", state, state, code, ""); res.Error != "invalid_id_token" || res.Token != "" {
				t.Errorf("callback = %+v, want invalid_id_token", res)
			}
		})
	}
}

func TestLinkingAnExistingEmail(t *testing.T) {
	e := newEnv(t)
	signed, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Ada", Email: "ada@example.com", Password: "correct horse 1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, provider string
		verified       bool
	}{{"untrusted provider", "untrusted", true}, {"unverified email", "op", false}} {
		res := e.round(c.provider, ada("sub-"+c.provider, c.verified))
		if res.Error != "account_not_linked" || res.Token != "" {
			t.Errorf("%s: callback = %+v, want account_not_linked", c.name, res)
		}
	}
	res := e.round("op", ada("sub-9", true))
	if res.Error != "" || res.PersonID != signed.PersonID || res.Redirect != "/home" {
		t.Fatalf("trusted, verified: callback = %+v, want a sign-in as %s", res, signed.PersonID)
	}
	// The linked account now signs in even without the email claim.
	if res := e.round("op", map[string]any{"sub": "sub-9"}); res.PersonID != signed.PersonID {
		t.Errorf("linked account sign-in = %+v", res)
	}
}

func TestUnknownProviderAndMissingEmail(t *testing.T) {
	e := newEnv(t)
	_, err := e.svc.Start(e.ctx, social.StartInput{ProviderID: "nope"})
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != social.CodeProviderNotFound {
		t.Errorf("unknown provider: %v", err)
	}
	if res := e.round("op", map[string]any{"sub": "no-mail"}); res.Error != "email_not_found" {
		t.Errorf("no email: %+v", res)
	}
	r := e.start("op")
	if !strings.HasPrefix(r.URL, e.op.srv.URL+"/auth?") || !strings.Contains(r.URL,
		"redirect_uri=http%3A%2F%2Fauth.test%2Fapi%2Fauth%2Fcallback%2Fop") {
		t.Errorf("authorization URL = %s", r.URL)
	}
}

func TestExpiredFlow(t *testing.T) {
	e := newEnv(t)
	r := e.start("op")
	state, code := e.op.authorize(r.URL, ada("s", true), jose.RS256)
	e.Clock.Advance(11 * time.Minute)
	if res := e.callback("op", state, state, code, ""); res.Error != "state_mismatch" {
		t.Errorf("expired flow: %+v", res)
	}
}

func TestBannedPersonIsRefused(t *testing.T) {
	e := newEnv(t)
	res := e.round("op", ada("sub-1", true))
	now := e.App.Now()
	if _, err := app.Run(e.ctx, e.App, person.NewDecider(), domain.PersonStream(res.PersonID), domain.Metadata{}, res.PersonID,
		func(person.State) person.Command { return person.Ban{Reason: "spam", At: now} }); err != nil {
		t.Fatal(err)
	}
	head := e.Head(t)
	if again := e.round("op", ada("sub-1", true)); again.Error != "banned" || again.Token != "" {
		t.Errorf("banned person: %+v", again)
	}
	if got := e.CountsSince(t, head); got["social.sign_in_failed"] != 1 || got["session.created"] != 0 {
		t.Errorf("events after a banned sign-in: %v", got)
	}
}

// TestCodeOfAnotherFlow: a code obtained in one flow, injected into the
// callback of another (its state and cookie), fails the PKCE check at the
// provider: invalid_code, no session.
func TestCodeOfAnotherFlow(t *testing.T) {
	e := newEnv(t)
	_, stolen := e.op.authorize(e.start("op").URL, ada("attacker", true), jose.RS256)
	victim, _ := e.op.authorize(e.start("op").URL, ada("victim", true), jose.RS256)
	if res := e.callback("op", victim, victim, stolen, ""); res.Error != "invalid_code" || res.Token != "" {
		t.Errorf("injected code: %+v, want invalid_code", res)
	}
}

// TestConcurrentCallbacksSignInOnce: the same callback delivered several
// times at once opens exactly one session.
func TestConcurrentCallbacksSignInOnce(t *testing.T) {
	e := newEnv(t)
	state, code := e.op.authorize(e.start("op").URL, ada("sub-1", true), jose.RS256)
	head := e.Head(t)
	results := make(chan social.CallbackResult, 4)
	for range 4 {
		go func() {
			res, err := e.svc.Callback(e.ctx, social.CallbackInput{ProviderID: "op", State: state, CookieState: state, Code: code})
			if err != nil {
				t.Error(err)
			}
			results <- res
		}()
	}
	signedIn := 0
	for range 4 {
		if res := <-results; res.Token != "" {
			signedIn++
		}
	}
	if got := e.CountsSince(t, head); signedIn != 1 || got["session.created"] != 1 || got["social.sign_in_succeeded"] != 1 {
		t.Errorf("%d sign-ins, events %v; want exactly one", signedIn, got)
	}
}

// TestProviderUnavailable: a provider whose discovery fails makes
// sign-in/social answer SERVICE_UNAVAILABLE and records nothing.
func TestProviderUnavailable(t *testing.T) {
	e := apptest.New(t, apptest.WithoutProjections())
	op := newFakeOP(t)
	issuer := op.srv.URL
	op.srv.Close()
	svc := social.New(e.App, sessions.New(e.App, sessions.Config{}), social.Config{BaseURL: "http://auth.test",
		Providers: []social.Provider{{ID: "down", Issuer: issuer, ClientID: "c", ClientSecret: "s"}}})
	head := e.Head(t)
	_, err := svc.Start(context.Background(), social.StartInput{ProviderID: "down"})
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.CodeUnavailable {
		t.Errorf("unreachable provider: %v", err)
	}
	if n := len(e.TypesSince(t, head)); n != 0 {
		t.Errorf("%d events for a refused start", n)
	}
}

// TestExpiredBanIsLifted: a ban with an expiry holds until then; the
// first social sign-in after it signs the person in and lifts the ban in
// the same append (person.unbanned), as Better Auth lifts an expired ban
// when the next session is created.
func TestExpiredBanIsLifted(t *testing.T) {
	e := newEnv(t)
	res := e.round("op", ada("sub-1", true))
	now := e.App.Now()
	if _, err := app.Run(e.ctx, e.App, person.NewDecider(), domain.PersonStream(res.PersonID), domain.Metadata{}, res.PersonID,
		func(person.State) person.Command {
			return person.Ban{Reason: "cool off", Expires: now.Add(time.Hour), At: now}
		}); err != nil {
		t.Fatal(err)
	}
	if again := e.round("op", ada("sub-1", true)); again.Error != "banned" {
		t.Fatalf("within the ban: %+v", again)
	}
	e.Clock.Advance(time.Hour)
	head := e.Head(t)
	if after := e.round("op", ada("sub-1", true)); after.Error != "" || after.Token == "" {
		t.Fatalf("after the ban expired: %+v", after)
	}
	if got := e.CountsSince(t, head); got["person.unbanned"] != 1 || got["session.created"] != 1 {
		t.Errorf("events of the sign-in after the ban: %v", got)
	}
}
