package social

import (
	"context"
	"fmt"
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

// githubUpstream is GitHub: plain OAuth 2 (no OpenID Connect, no nonce,
// no ID token); who signed in is GET /user (the numeric id is the
// subject) and the email is the primary address of GET /user/emails,
// verified only if GitHub verified that address. The token endpoint
// answers form-encoded (x/oauth2 reads it, and GitHub's refusals, which
// come with status 200); the REST API answers JSON. This use-case
// package makes no requests of its own (it does not depend on net/http),
// so the calls carry the client's default headers: GitHub requires a
// User-Agent, which Go's client sends, and defaults the API version.
type githubUpstream struct {
	oauthBase
}

// newGitHub is GitHub for p.
func newGitHub(p Provider, env presetEnv) *githubUpstream {
	return &githubUpstream{oauthBase{via: env.via, pkce: true,
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
	if err := u.getJSON(ctx, githubUserURL, tok, &user); err != nil {
		return identity{}, err
	}
	if user.ID <= 0 {
		return identity{}, fmt.Errorf("%w: GitHub's user has no id", errUserInfo)
	}
	var emails []githubEmail
	if err := u.getJSON(ctx, githubEmailsURL, tok, &emails); err != nil {
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
	err := u.getJSON(ctx, githubUserURL, tok, &out)
	return out, err
}
