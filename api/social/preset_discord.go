package social

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/oauth2"
)

// Discord's documented OAuth 2 endpoints, user endpoint and image CDN.
const (
	discordAuthURL  = "https://discord.com/oauth2/authorize"
	discordTokenURL = "https://discord.com/api/oauth2/token"
	discordMeURL    = "https://discord.com/api/users/@me"
	discordCDN      = "https://cdn.discordapp.com"
)

// discordUpstream is Discord: plain OAuth 2; who signed in is GET
// /users/@me (id, email and its verified flag, global_name or username,
// the avatar hash that becomes a CDN URL).
type discordUpstream struct {
	oauthBase
}

// newDiscord is Discord for p.
func newDiscord(p Provider, env presetEnv) *discordUpstream {
	return &discordUpstream{oauthBase{via: env.via, pkce: true,
		conf: oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: env.redirectURL,
			Endpoint: oauth2.Endpoint{AuthURL: discordAuthURL, TokenURL: discordTokenURL, AuthStyle: oauth2.AuthStyleInHeader},
			Scopes:   scopesWith([]string{"identify", "email"}, p.Scopes)}}}
}

// discordUser is what GET /users/@me says that the identity needs.
type discordUser struct {
	ID            string  `json:"id"`
	Username      string  `json:"username"`
	GlobalName    *string `json:"global_name"`
	Discriminator string  `json:"discriminator"`
	Avatar        *string `json:"avatar"`
	Email         *string `json:"email"`
	Verified      bool    `json:"verified"`
}

func (u *discordUpstream) identify(ctx context.Context, tok *oauth2.Token, _ string) (identity, error) {
	var me discordUser
	if err := u.getJSON(ctx, discordMeURL, tok, &me); err != nil {
		return identity{}, err
	}
	if _, err := strconv.ParseUint(me.ID, 10, 64); err != nil {
		return identity{}, errors.New("social: Discord's user has no snowflake id")
	}
	id := identity{Subject: me.ID, Name: me.Username, Picture: discordAvatar(me)}
	if me.GlobalName != nil && *me.GlobalName != "" {
		id.Name = *me.GlobalName
	}
	if me.Email != nil {
		id.Email, id.Verified = *me.Email, me.Verified
	}
	return id, nil
}

// discordAvatar is the user's avatar URL: the uploaded one (animated ones,
// whose hash starts with a_, as GIF), or the default avatar Discord
// derives from the id (or, for legacy usernames, the discriminator).
func discordAvatar(me discordUser) string {
	if me.Avatar != nil && *me.Avatar != "" && strings.Trim(*me.Avatar, "abcdefghijklmnopqrstuvwxyz0123456789_") == "" {
		ext := "png"
		if strings.HasPrefix(*me.Avatar, "a_") {
			ext = "gif"
		}
		return fmt.Sprintf("%s/avatars/%s/%s.%s", discordCDN, me.ID, *me.Avatar, ext)
	}
	var index uint64
	if me.Discriminator == "" || me.Discriminator == "0" {
		id, _ := strconv.ParseUint(me.ID, 10, 64)
		index = (id >> 22) % 6
	} else {
		d, _ := strconv.ParseUint(me.Discriminator, 10, 64)
		index = d % 5
	}
	return fmt.Sprintf("%s/embed/avatars/%d.png", discordCDN, index)
}

func (u *discordUpstream) verifyIDToken(context.Context, string, string) (identity, error) {
	return identity{}, errNoIDTokens
}

func (u *discordUpstream) userInfo(ctx context.Context, tok *oauth2.Token) (map[string]any, error) {
	var out map[string]any
	err := u.getJSON(ctx, discordMeURL, tok, &out)
	return out, err
}
