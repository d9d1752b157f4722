package social

import (
	"context"
	"errors"

	"golang.org/x/oauth2"
)

// upstream is one configured provider as the flows use it: where the
// browser is sent, how an authorization code becomes tokens and tokens an
// identity. The generic OpenID Connect provider (oidcUpstream) is one;
// presets whose provider speaks plain OAuth 2 (user endpoints instead of
// an ID token) are others. Every method bounds its own calls with the
// caller's context.
type upstream interface {
	// authURL is the authorization URL of a flow.
	authURL(r authRequest) string
	// exchange trades an authorization code and the flow's PKCE verifier
	// for the provider's tokens.
	exchange(ctx context.Context, code, verifier string) (*oauth2.Token, error)
	// identify says who the tokens belong to: the ID token verified with
	// the flow's nonce (OpenID Connect), or the provider's user endpoints.
	identify(ctx context.Context, tok *oauth2.Token, nonce string) (identity, error)
	// verifyIDToken checks an ID token a native app obtained itself
	// (idToken sign-in); nonce is checked when not empty. Providers
	// without ID tokens answer errNoIDTokens.
	verifyIDToken(ctx context.Context, raw, nonce string) (identity, error)
	// refresh trades a refresh token for new tokens.
	refresh(ctx context.Context, refreshToken string) (*oauth2.Token, error)
	// userInfo is what the provider's user info endpoint says of the
	// account the access token is for.
	userInfo(ctx context.Context, tok *oauth2.Token) (map[string]any, error)
}

// authRequest is what a flow puts in its authorization URL.
type authRequest struct {
	State, Verifier, Nonce string
	// Scopes are asked for besides the provider's configured ones.
	Scopes []string
	// LoginHint is passed on as login_hint when not empty.
	LoginHint string
}

// errNoIDTokens is an upstream's answer to verifyIDToken when the provider
// issues no ID tokens.
var errNoIDTokens = errors.New("social: the provider issues no ID tokens")

// errUserInfo wraps the failure of a provider's user endpoints (plain
// OAuth 2 providers identify people through them): the callback answers
// unable_to_get_user_info, as Better Auth does.
var errUserInfo = errors.New("social: the provider's user info is unavailable")

// identity is what a provider says about the person.
type identity struct {
	Subject  string
	Email    string `json:"email"`
	Verified bool   `json:"email_verified"`
	Name     string `json:"name"`
	Picture  string `json:"picture"`
}

// scopesWith returns base followed by extra's scopes not in base.
func scopesWith(base, extra []string) []string {
	out := append([]string(nil), base...)
	for _, sc := range extra {
		dup := false
		for _, b := range out {
			dup = dup || b == sc
		}
		if !dup && sc != "" {
			out = append(out, sc)
		}
	}
	return out
}

// authOptions are the authorization URL's PKCE, nonce and hint parameters.
func authOptions(r authRequest, withNonce bool) []oauth2.AuthCodeOption {
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(r.Verifier)}
	if withNonce {
		opts = append(opts, oauth2.SetAuthURLParam("nonce", r.Nonce))
	}
	if r.LoginHint != "" {
		opts = append(opts, oauth2.SetAuthURLParam("login_hint", r.LoginHint))
	}
	return opts
}
