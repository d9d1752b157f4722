package social

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"golang.org/x/oauth2"
)

// GitHub's documented OAuth app endpoints and REST API.
const (
	githubAuthURL   = "https://github.com/login/oauth/authorize"
	githubTokenURL  = "https://github.com/login/oauth/access_token"
	githubUserURL   = "https://api.github.com/user"
	githubEmailsURL = "https://api.github.com/user/emails"
)

// githubHeaders are what GitHub's REST API asks of every call (it refuses
// requests without a User-Agent).
var githubHeaders = map[string]string{"Accept": "application/vnd.github+json",
	"X-GitHub-Api-Version": "2022-11-28", "User-Agent": "authledger"}

// githubUpstream is GitHub: plain OAuth 2 (no OpenID Connect, no nonce,
// no ID token); who signed in is GET /user (the numeric id is the
// subject) and the email is the primary address of GET /user/emails,
// verified only if GitHub verified that address.
type githubUpstream struct {
	oauthBase
}

// newGitHub is GitHub for p.
func newGitHub(p Provider, env presetEnv) *githubUpstream {
	// The token endpoint answers form-encoded unless asked for JSON.
	client := &http.Client{Transport: acceptJSON{transport(env.client)}, Timeout: env.client.Timeout}
	return &githubUpstream{oauthBase{client: client, pkce: true,
		conf: oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: env.redirectURL,
			Endpoint: oauth2.Endpoint{AuthURL: githubAuthURL, TokenURL: githubTokenURL, AuthStyle: oauth2.AuthStyleInParams},
			Scopes:   scopesWith([]string{"read:user", "user:email"}, p.Scopes)}}}
}

// githubUser is what GET /user says that the identity needs.
type githubUser struct {
	ID        int64  `json:"id"`
	Login     string `json:"login"`
	Name      string `json:"name"`
	AvatarURL string `json:"avatar_url"`
}

// githubEmail is one address of GET /user/emails.
type githubEmail struct {
	Email    string `json:"email"`
	Primary  bool   `json:"primary"`
	Verified bool   `json:"verified"`
}

func (u *githubUpstream) identify(ctx context.Context, tok *oauth2.Token, _ string) (identity, error) {
	var user githubUser
	if err := getJSON(ctx, u.client, githubUserURL, tok, githubHeaders, &user); err != nil {
		return identity{}, err
	}
	if user.ID <= 0 {
		return identity{}, errors.New("social: GitHub's user has no id")
	}
	var emails []githubEmail
	if err := getJSON(ctx, u.client, githubEmailsURL, tok, githubHeaders, &emails); err != nil {
		return identity{}, err
	}
	id := identity{Subject: strconv.FormatInt(user.ID, 10), Name: user.Name, Picture: user.AvatarURL}
	if id.Name == "" {
		id.Name = user.Login
	}
	for _, e := range emails {
		if e.Primary {
			id.Email, id.Verified = e.Email, e.Verified
		}
	}
	return id, nil
}

func (u *githubUpstream) verifyIDToken(context.Context, string, string) (identity, error) {
	return identity{}, errNoIDTokens
}

func (u *githubUpstream) userInfo(ctx context.Context, tok *oauth2.Token) (map[string]any, error) {
	var out map[string]any
	err := getJSON(ctx, u.client, githubUserURL, tok, githubHeaders, &out)
	return out, err
}
