package social

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDiscordPreset: the subject is /users/@me's snowflake id, the name
// its global_name (else username), the email verified as Discord says,
// and the avatar a CDN URL: the uploaded one (GIF when animated) or
// Discord's default avatar for the id.
func TestDiscordPreset(t *testing.T) {
	tests := []struct {
		name, me string
		want     identity
	}{
		{"uploaded avatar", "users_me.json", identity{Subject: "80351110224678912", Email: "nelly@discord.com", Verified: true,
			Name: "Nelly", Picture: "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png"}},
		{"animated avatar", "users_me_animated.json", identity{Subject: "80351110224678912", Email: "nelly@discord.com",
			Verified: true, Name: "Nelly",
			Picture: "https://cdn.discordapp.com/avatars/80351110224678912/a_1269e74af4df7417b13759eae50c83dc.gif"}},
		{"default avatar, unverified email", "users_me_default_avatar.json", identity{Subject: "80351110224678912",
			Email: "nelly@discord.com", Name: "nelly", Picture: "https://cdn.discordapp.com/embed/avatars/5.png"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorded(t, "discord")
			rec.token("POST discord.com/api/oauth2/token", "token.json", nil)
			rec.json("GET discord.com/api/users/@me", tt.me)
			up := rec.upstream(Provider{ID: "discord", Preset: PresetDiscord, ClientID: "1049123456789012345",
				ClientSecret: "discord-secret"})
			got, err := rec.signIn(up)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("identity (-want +got):\n%s", diff)
			}
			if a := rec.auth[0]; a != basicAuth("1049123456789012345", "discord-secret") {
				t.Errorf("token request authorization %q", a)
			}
			if _, err := up.verifyIDToken(context.Background(), "x.y.z", ""); !errors.Is(err, errNoIDTokens) {
				t.Errorf("verifyIDToken: %v", err)
			}
		})
	}
}

// TestDiscordLegacyDefaultAvatar: a legacy username's default avatar is
// its discriminator modulo 5; an avatar hash that is not one is ignored.
func TestDiscordLegacyDefaultAvatar(t *testing.T) {
	hash := "../../evil"
	got := discordAvatar(discordUser{ID: "80351110224678912", Discriminator: "1337", Avatar: &hash})
	if got != "https://cdn.discordapp.com/embed/avatars/2.png" {
		t.Errorf("avatar %q", got)
	}
}
