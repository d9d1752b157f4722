package account

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestProviderTokens(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ext := Evolve(State{}, Created{AccountID: "a1", PersonID: "p1", ProviderID: "hydra", Subject: "s", At: at})
	cred := Evolve(State{}, Created{AccountID: "a2", PersonID: "p1", ProviderID: ProviderCredential, At: at})
	first := ProviderTokens{AccessToken: "at1", RefreshToken: "rt1", IDToken: "id1", AccessTokenExpiresAt: at.Add(time.Hour),
		Scopes: []string{"openid", "email"}}
	cases := []struct {
		name    string
		state   State
		cmds    []Command
		want    ProviderTokens
		wantErr error
	}{
		{name: "stored", state: ext, cmds: []Command{StoreTokens{Tokens: first, At: at}}, want: first},
		{name: "refresh keeps what was not reissued", state: ext, cmds: []Command{StoreTokens{Tokens: first, At: at},
			RecordRefresh{Tokens: ProviderTokens{AccessToken: "at2", AccessTokenExpiresAt: at.Add(2 * time.Hour),
				Scopes: []string{"narrower"}}, At: at}},
			want: ProviderTokens{AccessToken: "at2", RefreshToken: "rt1", IDToken: "id1", AccessTokenExpiresAt: at.Add(2 * time.Hour),
				Scopes: []string{"openid", "email"}}},
		{name: "refresh with rotation", state: ext, cmds: []Command{StoreTokens{Tokens: first, At: at},
			RecordRefresh{Tokens: ProviderTokens{AccessToken: "at2", RefreshToken: "rt2", IDToken: "id2"}, At: at}},
			want: ProviderTokens{AccessToken: "at2", RefreshToken: "rt2", IDToken: "id2", Scopes: []string{"openid", "email"}}},
		{name: "a later sign-in keeps what it was not granted", state: ext, cmds: []Command{StoreTokens{Tokens: first, At: at},
			StoreTokens{Tokens: ProviderTokens{AccessToken: "at3", AccessTokenExpiresAt: at.Add(3 * time.Hour)}, At: at}},
			want: ProviderTokens{AccessToken: "at3", RefreshToken: "rt1", IDToken: "id1", AccessTokenExpiresAt: at.Add(3 * time.Hour),
				Scopes: []string{"openid", "email"}}},
		{name: "a later sign-in's scopes replace the earlier", state: ext, cmds: []Command{StoreTokens{Tokens: first, At: at},
			StoreTokens{Tokens: ProviderTokens{IDToken: "id4", Scopes: []string{"openid"}}, At: at}},
			want: ProviderTokens{AccessToken: "at1", RefreshToken: "rt1", IDToken: "id4", AccessTokenExpiresAt: at.Add(time.Hour),
				Scopes: []string{"openid"}}},
		{name: "credential account has no tokens", state: cred, cmds: []Command{StoreTokens{Tokens: first, At: at}},
			wantErr: ErrAccountNotFound},
		{name: "unknown account", state: State{}, cmds: []Command{RecordRefresh{Tokens: first, At: at}}, wantErr: ErrAccountNotFound},
		{name: "unlinked account forgets them", state: Evolve(Evolve(ext, ProviderTokensStored{ProviderTokens: first}), Unlinked{}),
			cmds: []Command{StoreTokens{Tokens: first, At: at}}, wantErr: ErrAccountNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.state
			for _, cmd := range c.cmds {
				evs, err := Decide(s, cmd)
				if err != nil {
					if !errors.Is(err, c.wantErr) {
						t.Fatalf("Decide(%T) = %v, want %v", cmd, err, c.wantErr)
					}
					return
				}
				for _, ev := range evs {
					s = Evolve(s, ev)
				}
			}
			if c.wantErr != nil {
				t.Fatalf("no error, want %v", c.wantErr)
			}
			g := s.Tokens
			if g.AccessToken != c.want.AccessToken || g.RefreshToken != c.want.RefreshToken || g.IDToken != c.want.IDToken ||
				!g.AccessTokenExpiresAt.Equal(c.want.AccessTokenExpiresAt) || !slices.Equal(g.Scopes, c.want.Scopes) {
				t.Errorf("tokens = %+v, want %+v", g, c.want)
			}
		})
	}
}
