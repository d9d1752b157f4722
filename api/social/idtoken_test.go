package social_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	domsocial "github.com/authledger/authledger/domain/social"
	"github.com/go-jose/go-jose/v4"
)

// idSignIn signs in with an ID token of provider's client.
func (e *env) idSignIn(provider, raw, nonce string) (social.CallbackResult, error) {
	return e.svc.SignInIDToken(e.ctx, social.IDTokenInput{Caller: app.Caller{IP: "192.0.2.1"}, ProviderID: provider,
		Token: raw, Nonce: nonce, AccessToken: "native-at", ExpiresAt: e.Clock.Now().Add(time.Hour), CallbackURL: "/home"})
}

// TestIDTokenSignIn: a verified ID token signs in without a redirect by
// the code flow's rules, recorded as a flow of method id_token that ends
// signed in, with the tokens the app handed over kept sealed.
func TestIDTokenSignIn(t *testing.T) {
	e := newEnv(t)
	head := e.Head(t)
	raw := e.op.idToken("client-1", map[string]any{"sub": "sub-1", "email": "ada@example.com", "email_verified": true,
		"name": "Ada", "nonce": "n-1"}, jose.RS256)
	res, err := e.idSignIn("op", raw, "n-1")
	if err != nil || res.Token == "" || res.PersonID == "" {
		t.Fatalf("id token sign-in = %+v, %v", res, err)
	}
	if u, _ := e.sess.User(res.PersonID); u.Email != "ada@example.com" || !u.EmailVerified {
		t.Errorf("user = %+v", u)
	}
	got := e.CountsSince(t, head)
	for typ, n := range map[string]int{"social.sign_in_started": 1, "social.callback_received": 1, "person.signed_up": 1,
		"account.created": 1, "account.provider_tokens_stored": 1, "session.created": 1, "social.sign_in_succeeded": 1} {
		if got[typ] != n {
			t.Errorf("%s × %d, want %d (%v)", typ, got[typ], n, got)
		}
	}
	for _, r := range e.Records(t) {
		if r.Type == domsocial.TypeStarted && !strings.Contains(string(r.Data), `"method":"id_token"`) {
			t.Errorf("flow not marked id_token: %s", r.Data)
		}
	}
	tok, err := e.svc.GetAccessToken(e.ctx, e.tokenIn(res.Token, e.external(res.Token), ""))
	if err != nil || tok.AccessToken != "native-at" || tok.IDToken != raw {
		t.Errorf("kept tokens = %+v, %v", tok, err)
	}
	again, err := e.idSignIn("op", raw, "")
	if err != nil || again.PersonID != res.PersonID {
		t.Errorf("second sign-in = %+v, %v; want %s", again, err, res.PersonID)
	}
}

// TestIDTokenSignInRefusals: what does not verify is INVALID_TOKEN, with
// nothing written; an ID token without an email USER_EMAIL_NOT_FOUND; the
// linking rules refuse as in the code flow (OAUTH_LINK_ERROR), recorded
// on the flow.
func TestIDTokenSignInRefusals(t *testing.T) {
	e := newEnv(t)
	if _, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Ada", Email: "ada@example.com", Password: "correct horse 1"}); err != nil {
		t.Fatal(err)
	}
	good := map[string]any{"sub": "s", "email": "ada@example.com", "email_verified": true}
	with := func(k string, v any) map[string]any {
		out := map[string]any{}
		for a, b := range good {
			out[a] = b
		}
		out[k] = v
		return out
	}
	cases := []struct {
		name, provider, client string
		claims                 map[string]any
		alg                    jose.SignatureAlgorithm
		nonce                  string
		want                   error
	}{
		{"HMAC signature", "op", "client-1", good, jose.HS256, "", social.ErrInvalidIDToken},
		{"unsigned (alg none)", "op", "client-1", good, "none", "", social.ErrInvalidIDToken},
		{"another client's token", "op", "client-2", good, jose.RS256, "", social.ErrInvalidIDToken},
		{"expired", "op", "client-1", with("exp", time.Now().Add(-time.Hour).Unix()), jose.RS256, "", social.ErrInvalidIDToken},
		{"another issuer", "op", "client-1", with("iss", "https://evil.test"), jose.RS256, "", social.ErrInvalidIDToken},
		{"another nonce", "op", "client-1", with("nonce", "n-1"), jose.RS256, "n-2", social.ErrInvalidIDToken},
		{"no email", "op", "client-1", map[string]any{"sub": "s"}, jose.RS256, "", social.ErrUserEmailNotFound},
		{"unknown provider", "nope", "client-1", good, jose.RS256, "", social.ErrProviderNotFound},
	}
	head := e.Head(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.idSignIn(c.provider, e.op.idToken(c.client, c.claims, c.alg), c.nonce)
			if !errors.Is(err, c.want) {
				t.Errorf("sign-in: %v, want %v", err, c.want)
			}
		})
	}
	if _, err := e.idSignIn("op", "", ""); domain.CodeOf(err) != domain.CodeValidation {
		t.Errorf("no token: %v, want VALIDATION_ERROR", err)
	}
	if e.Head(t) != head {
		t.Error("refused ID tokens wrote events")
	}
	// The untrusted provider may not link the existing person's email.
	_, err := e.idSignIn("untrusted", e.op.idToken("client-2", good, jose.RS256), "")
	if domain.CodeOf(err) != social.CodeOAuthLinkError || err.(*domain.Error).Message != "account not linked" {
		t.Errorf("untrusted link: %v, want OAUTH_LINK_ERROR account not linked", err)
	}
	got := e.CountsSince(t, head)
	if got["social.sign_in_failed"] != 1 || got["session.created"] != 0 || got[account.TypeCreated] != 0 {
		t.Errorf("events %v, want the flow refused", got)
	}
}
