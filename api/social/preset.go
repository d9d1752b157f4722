package social

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"golang.org/x/oauth2"
)

// The presets: providers whose endpoints and quirks are built in, so a
// configuration names the preset and the client credentials only.
const (
	PresetOIDC      = "oidc"
	PresetGoogle    = "google"
	PresetMicrosoft = "microsoft"
	PresetApple     = "apple"
	PresetGitHub    = "github"
	PresetGitLab    = "gitlab"
	PresetDiscord   = "discord"
)

// Presets lists every preset name, the generic one first.
var Presets = []string{PresetOIDC, PresetGoogle, PresetMicrosoft, PresetApple, PresetGitHub, PresetGitLab, PresetDiscord}

// maxProviderResponse bounds what is read of a provider's user endpoint.
const maxProviderResponse = 1 << 20

// providerCallTimeout bounds a call to a user endpoint made without a
// deadline of its own.
const providerCallTimeout = 10 * time.Second

// presetEnv is what a preset's upstream is built with.
type presetEnv struct {
	// redirectURL is where the provider sends the browser back.
	redirectURL string
	// via puts the HTTP client of every call to the provider in its
	// context (tests: the recorded provider); nil is the default client.
	via func(context.Context) context.Context
	// now is the clock ID tokens and Apple's client secret are dated by.
	now func() time.Time
}

// newPresetUpstream makes the upstream of a preset provider.
func newPresetUpstream(p Provider, env presetEnv) (upstream, error) {
	if err := CheckPreset(p); err != nil {
		return nil, err
	}
	switch p.Preset {
	case PresetGoogle:
		return newGoogle(p, env), nil
	case PresetMicrosoft:
		return newMicrosoft(p, env), nil
	case PresetApple:
		return newApple(p, env)
	case PresetGitHub:
		return newGitHub(p, env), nil
	case PresetGitLab:
		return newGitLab(p, env), nil
	case PresetDiscord:
		return newDiscord(p, env), nil
	}
	return nil, fmt.Errorf("social: unknown preset %q", p.Preset)
}

// oauthBase is the OAuth 2 half every preset shares: the authorization URL
// (with PKCE unless the provider documents none, the nonce for OpenID
// Connect providers and the preset's own parameters), the code exchange
// and the refresh, all made with the preset's HTTP client.
type oauthBase struct {
	conf oauth2.Config
	// via is presetEnv.via.
	via func(context.Context) context.Context
	// pkce sends the S256 challenge and the verifier.
	pkce bool
	// nonce sends the flow's nonce (OpenID Connect presets).
	nonce bool
	// params are the preset's own authorization URL parameters.
	params map[string]string
	// secret, when set, makes the client secret of each token request
	// (Apple's signed one).
	secret func() (string, error)
}

func (b *oauthBase) authURL(r authRequest) string {
	conf := b.conf
	conf.Scopes = scopesWith(conf.Scopes, r.Scopes)
	var opts []oauth2.AuthCodeOption
	if b.pkce {
		opts = append(opts, oauth2.S256ChallengeOption(r.Verifier))
	}
	if b.nonce {
		opts = append(opts, oauth2.SetAuthURLParam("nonce", r.Nonce))
	}
	if r.LoginHint != "" {
		opts = append(opts, oauth2.SetAuthURLParam("login_hint", r.LoginHint))
	}
	for k, v := range b.params {
		opts = append(opts, oauth2.SetAuthURLParam(k, v))
	}
	return conf.AuthCodeURL(r.State, opts...)
}

// config is the OAuth 2 configuration of one token request.
func (b *oauthBase) config() (*oauth2.Config, error) {
	conf := b.conf
	if b.secret != nil {
		s, err := b.secret()
		if err != nil {
			return nil, err
		}
		conf.ClientSecret = s
	}
	return &conf, nil
}

// ctx makes the oauth2 and go-oidc packages use the preset's client.
func (b *oauthBase) ctx(ctx context.Context) context.Context { return callVia(b.via, ctx) }

// callVia is ctx with via's client, or ctx itself.
func callVia(via func(context.Context) context.Context, ctx context.Context) context.Context {
	if via == nil {
		return ctx
	}
	return via(ctx)
}

func (b *oauthBase) exchange(ctx context.Context, code, verifier string) (*oauth2.Token, error) {
	conf, err := b.config()
	if err != nil {
		return nil, err
	}
	var opts []oauth2.AuthCodeOption
	if b.pkce {
		opts = append(opts, oauth2.VerifierOption(verifier))
	}
	return conf.Exchange(b.ctx(ctx), code, opts...)
}

func (b *oauthBase) refresh(ctx context.Context, refreshToken string) (*oauth2.Token, error) {
	conf, err := b.config()
	if err != nil {
		return nil, err
	}
	return conf.TokenSource(b.ctx(ctx), &oauth2.Token{RefreshToken: refreshToken}).Token()
}

// getJSON GETs url with the access token and decodes the JSON answer
// into v; any status but 200 is an error (wrapping errUserInfo). The call is bounded by ctx's
// deadline (providerCallTimeout without one).
func (b *oauthBase) getJSON(ctx context.Context, url string, tok *oauth2.Token, v any) error {
	if err := b.fetchJSON(ctx, url, tok, v); err != nil {
		return fmt.Errorf("%w: %w", errUserInfo, err)
	}
	return nil
}

// fetchJSON is getJSON without the errUserInfo wrapping.
func (b *oauthBase) fetchJSON(ctx context.Context, url string, tok *oauth2.Token, v any) error {
	c := oauth2.NewClient(b.ctx(ctx), oauth2.StaticTokenSource(tok))
	c.Timeout = providerCallTimeout
	if dl, ok := ctx.Deadline(); ok {
		c.Timeout = time.Until(dl)
	}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxProviderResponse))
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return fmt.Errorf("social: %s answered %d", resp.Request.URL.Host+resp.Request.URL.Path, resp.StatusCode)
	}
	return json.Unmarshal(body, v)
}
