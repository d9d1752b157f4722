package social

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/authledger/authledger/domain"
	"golang.org/x/oauth2"
)

// Sign in with Apple's documented endpoints.
const (
	appleIssuer   = "https://appleid.apple.com"
	appleAuthURL  = appleIssuer + "/auth/authorize"
	appleTokenURL = appleIssuer + "/auth/token"
	appleKeysURL  = appleIssuer + "/auth/keys"
)

// MaxAppleUser bounds the user JSON Apple posts on a first sign-in; a
// larger one is ignored.
const MaxAppleUser = 1024

// appleUpstream is Sign in with Apple: OpenID Connect whose answer comes
// back as a form POST (response_mode=form_post, required when scopes are
// asked), whose client secret is a JWT the server signs, whose ID token
// may say email_verified as the string "true", and whose only word of the
// person's name is the user JSON of the first sign-in's form.
type appleUpstream struct{ oidcPreset }

// newApple is Apple for p (ClientID is the Services ID).
func newApple(p Provider, env presetEnv) (*appleUpstream, error) {
	secret, err := newAppleSecret(p, env.now)
	if err != nil {
		return nil, err
	}
	// Apple documents no PKCE parameters: the code is bound to the signed
	// client secret instead.
	b := oauthBase{via: env.via, nonce: true, secret: secret.get,
		params: map[string]string{"response_mode": "form_post"},
		conf: oauth2.Config{ClientID: p.ClientID, RedirectURL: env.redirectURL,
			Endpoint: oauth2.Endpoint{AuthURL: appleAuthURL, TokenURL: appleTokenURL, AuthStyle: oauth2.AuthStyleInParams},
			Scopes:   scopesWith([]string{"name", "email"}, p.Scopes)}}
	return &appleUpstream{oidcPreset{oauthBase: b,
		tokens: newIDTokens(env, p.ClientID, appleKeysURL, exactIssuer(appleIssuer), nil)}}, nil
}

// appleUser is the user JSON of Apple's first form POST.
type appleUser struct {
	Name struct {
		FirstName string `json:"firstName"`
		LastName  string `json:"lastName"`
	} `json:"name"`
}

// nameFromUser is the name in Apple's user JSON, or "" when raw is empty,
// too large, malformed or names no valid name. It is untrusted input (it
// travels through the browser), used only as the display name of a
// person signing up.
func (u *appleUpstream) nameFromUser(raw string) string {
	if raw == "" || len(raw) > MaxAppleUser {
		return ""
	}
	var au appleUser
	if json.Unmarshal([]byte(raw), &au) != nil {
		return ""
	}
	name := strings.TrimSpace(strings.TrimSpace(au.Name.FirstName) + " " + strings.TrimSpace(au.Name.LastName))
	if domain.ValidName(name) != nil {
		return ""
	}
	return name
}

// FormPostUser is what of Apple's user JSON travels on to the GET
// callback: the name only (the email is in the ID token anyway, and a URL
// ends up in histories and logs), re-encoded; "" when raw is empty, too
// large, malformed or names nobody.
func FormPostUser(raw string) string {
	if raw == "" || len(raw) > MaxAppleUser {
		return ""
	}
	var au appleUser
	if json.Unmarshal([]byte(raw), &au) != nil || au.Name.FirstName == "" && au.Name.LastName == "" {
		return ""
	}
	out, err := json.Marshal(au)
	if err != nil {
		return ""
	}
	return string(out)
}

// userNamer is an upstream whose callback may name the person outside the
// ID token (Apple's form POST user JSON).
type userNamer interface {
	nameFromUser(raw string) string
}

// firstSignInName fills id's name from the callback's user JSON when the
// provider sends one there and the ID token named nobody.
func (s *Service) firstSignInName(ctx context.Context, providerID string, id identity, user string) identity {
	if id.Name != "" || user == "" {
		return id
	}
	p, ok := s.provider(providerID)
	if !ok {
		return id
	}
	up, err := s.upstream(ctx, p)
	if err != nil {
		return id
	}
	if n, ok := up.(userNamer); ok {
		id.Name = n.nameFromUser(user)
	}
	return id
}
