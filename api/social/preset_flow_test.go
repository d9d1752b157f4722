package social

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/sessions"
)

// TestPresetFlows: whole sign-ins through the use cases against the
// recorded providers: Apple's first sign-in takes the name from the form
// POST's user JSON (the ID token names nobody), GitHub's works without
// nonce or ID token.
func TestPresetFlows(t *testing.T) {
	e := apptest.New(t, apptest.WithoutProjections())
	now := e.App.Now()
	apple, github := newRecorded(t, "apple"), newRecorded(t, "github")
	apple.jwks("GET appleid.apple.com/auth/keys")
	github.token("POST github.com/login/oauth/access_token", "token.form", nil)
	github.json("GET api.github.com/user", "user.json")
	github.json("GET api.github.com/user/emails", "emails.json")
	sess := sessions.New(e.App, sessions.Config{})
	svc := New(e.App, sess, Config{BaseURL: "https://auth.example.com",
		Providers: []Provider{appleProvider(applePEM(t)), githubProvider}})
	svc.via = map[string]func(context.Context) context.Context{"apple": apple.via, "github": github.via}
	ctx := context.Background()
	tests := []struct {
		provider string
		user     string
		wantName string
		wantMail string
	}{
		{"apple", string(apple.fixture("user.json")), "Jane Appleseed", "xk8p3v2q9d@privaterelay.appleid.com"},
		{"github", "", "The Octocat", "octocat@github.com"},
	}
	for _, tt := range tests {
		t.Run(tt.provider, func(t *testing.T) {
			started, err := svc.Start(ctx, StartInput{ProviderID: tt.provider, CallbackURL: "/home"})
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(started.URL)
			if tt.provider == "apple" {
				apple.token("POST appleid.apple.com/auth/token", "token.json", apple.claims("id_token.json", map[string]any{
					"nonce": u.Query().Get("nonce"), "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}))
			}
			res, err := svc.Callback(ctx, CallbackInput{Caller: app.Caller{IP: "192.0.2.1"}, ProviderID: tt.provider,
				State: started.State, CookieState: started.State, Code: "recorded-code", User: tt.user})
			if err != nil || res.Error != "" || res.Token == "" {
				t.Fatalf("callback %+v, %v", res, err)
			}
			user, _ := sess.User(res.PersonID)
			if user.Name != tt.wantName || user.Email != tt.wantMail || !user.EmailVerified {
				t.Errorf("user %+v", user)
			}
		})
	}
}

// TestUserEndpointsFailing: a plain OAuth 2 provider whose user endpoint
// fails after the code was exchanged ends the flow with
// unable_to_get_user_info (Better Auth's code), and signs no one in.
func TestUserEndpointsFailing(t *testing.T) {
	e := apptest.New(t, apptest.WithoutProjections())
	github := newRecorded(t, "github")
	github.token("POST github.com/login/oauth/access_token", "token.form", nil)
	github.handle("GET api.github.com/user", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, `{"message":"Server Error"}`, http.StatusBadGateway)
	})
	svc := New(e.App, sessions.New(e.App, sessions.Config{}), Config{BaseURL: "https://auth.example.com",
		Providers: []Provider{githubProvider}})
	svc.via = map[string]func(context.Context) context.Context{"github": github.via}
	ctx := context.Background()
	started, err := svc.Start(ctx, StartInput{ProviderID: "github", CallbackURL: "/home", ErrorCallbackURL: "/oops"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.Callback(ctx, CallbackInput{ProviderID: "github", State: started.State, CookieState: started.State,
		Code: "recorded-code"})
	if err != nil || res.Error != "unable_to_get_user_info" || res.Token != "" || res.ErrorURL != "/oops" {
		t.Fatalf("callback %+v, %v", res, err)
	}
}
