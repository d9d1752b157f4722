package operatorkeys_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/operatorkeys"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/operatorkey"
)

// node is the key use cases of one server: an index following env's log.
func node(t *testing.T, env *apptest.Env) *operatorkeys.Service {
	t.Helper()
	svc := operatorkeys.New(env.App, operatorkeys.NewIndex())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = svc.Index().Follow(ctx, env.Store, env.App.Codec) }()
	t.Cleanup(func() { cancel(); <-done })
	return svc
}

// caughtUp waits until svc's index has applied the whole log.
func caughtUp(t *testing.T, env *apptest.Env, svc *operatorkeys.Service) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := svc.Index().WaitFor(ctx, env.Head(t)); err != nil {
		t.Fatal(err)
	}
}

var cli = app.Caller{RequestID: "test"}

// TestKeyAcrossNodes: a key created on one node authenticates there at
// once and on another as soon as it has read the log; a revocation is
// effective on the deciding node when Revoke returns, and on the other
// after it has read the log.
func TestKeyAcrossNodes(t *testing.T) {
	env := apptest.New(t, apptest.WithoutProjections())
	a, b := node(t, env), node(t, env)
	out, err := a.Create(t.Context(), operatorkeys.CreateInput{Caller: cli, Actor: "admin", Name: "auditor",
		Scopes: []string{operatorkey.ScopeAuditRead}})
	if err != nil {
		t.Fatal(err)
	}
	if k, err := a.Authenticate(out.Token); err != nil || k.ID != out.Key.ID || !k.Has(operatorkey.ScopeAuditRead) ||
		k.Has(operatorkey.ScopeAuditPII) || k.Actor() != "key:"+out.Key.ID {
		t.Fatalf("authenticate on the creating node: %+v %v", k, err)
	}
	caughtUp(t, env, b)
	if _, err := b.Authenticate(out.Token); err != nil {
		t.Fatalf("authenticate on the other node: %v", err)
	}
	if _, err := a.Revoke(t.Context(), operatorkeys.RevokeInput{Caller: cli, Actor: "admin", ID: out.Key.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(out.Token); !errors.Is(err, operatorkeys.ErrKeyRevoked) {
		t.Errorf("revoked on the deciding node: %v", err)
	}
	caughtUp(t, env, b)
	if _, err := b.Authenticate(out.Token); !errors.Is(err, operatorkeys.ErrKeyRevoked) {
		t.Errorf("revoked on the other node: %v", err)
	}
}

// TestExpiry: a key works until its expiry instant, not at it.
func TestExpiry(t *testing.T) {
	env := apptest.New(t, apptest.WithoutProjections())
	svc := node(t, env)
	out, err := svc.Create(t.Context(), operatorkeys.CreateInput{Caller: cli, Actor: "admin", Name: "temp",
		Scopes: []string{operatorkey.ScopeMetricsRead}, ExpiresIn: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if want := env.App.Now().Add(time.Hour); out.Key.ExpiresAt == nil || !out.Key.ExpiresAt.Equal(want) {
		t.Fatalf("expiresAt %v, want %v", out.Key.ExpiresAt, want)
	}
	env.Clock.Advance(time.Hour - time.Millisecond)
	if _, err := svc.Authenticate(out.Token); err != nil {
		t.Errorf("just before expiry: %v", err)
	}
	env.Clock.Advance(time.Millisecond)
	if _, err := svc.Authenticate(out.Token); !errors.Is(err, operatorkeys.ErrKeyExpired) {
		t.Errorf("at expiry: %v", err)
	}
}

// TestAuthenticateRefusals: anything but a live key with its own secret
// is Unauthorized, however close it comes.
func TestAuthenticateRefusals(t *testing.T) {
	env := apptest.New(t, apptest.WithoutProjections())
	svc := node(t, env)
	out, err := svc.Create(t.Context(), operatorkeys.CreateInput{Caller: cli, Actor: "admin", Name: "k",
		Scopes: []string{operatorkey.ScopeAuditRead}})
	if err != nil {
		t.Fatal(err)
	}
	flip := func(s string, i int) string {
		b := []byte(s)
		b[i] = map[bool]byte{true: 'b', false: 'a'}[b[i] == 'a']
		return string(b)
	}
	for name, tok := range map[string]string{
		"empty": "", "prefix only": "alk_", "no prefix": strings.TrimPrefix(out.Token, "alk_"),
		"other id": flip(out.Token, 5), "other secret": flip(out.Token, len(out.Token)-1),
		"upper-case secret": strings.ToUpper(out.Token[:4]) + out.Token[4:], "longer": out.Token + "0",
		"not hex": out.Token[:len(out.Token)-1] + "g", "no separator": strings.Replace(out.Token, "_", "-", 2),
	} {
		if _, err := svc.Authenticate(tok); !errors.Is(err, domain.ErrUnauthorized) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestCreateRefusals: invalid creations are refused with a code and
// append nothing.
func TestCreateRefusals(t *testing.T) {
	env := apptest.New(t, apptest.WithoutProjections())
	svc := node(t, env)
	past := env.App.Now().Add(-time.Second)
	tests := []struct {
		name string
		in   operatorkeys.CreateInput
		code domain.Code
	}{
		{"unknown scope", operatorkeys.CreateInput{Name: "x", Scopes: []string{"audit:write"}}, operatorkey.CodeUnknownScope},
		{"no scope", operatorkeys.CreateInput{Name: "x"}, domain.CodeValidation},
		{"blank name", operatorkeys.CreateInput{Name: " ", Scopes: []string{"audit:read"}}, domain.CodeValidation},
		{"past expiry", operatorkeys.CreateInput{Name: "x", Scopes: []string{"audit:read"}, ExpiresAt: &past}, domain.CodeValidation},
		{"negative lifetime", operatorkeys.CreateInput{Name: "x", Scopes: []string{"audit:read"}, ExpiresIn: -time.Hour}, domain.CodeValidation},
		{"a scope the creator lacks", operatorkeys.CreateInput{Name: "x", Scopes: []string{"audit:read", "people:erase"},
			Grantable: []string{"admin:keys", "audit:read"}}, operatorkeys.CodeInsufficientScope},
	}
	for _, tt := range tests {
		if _, err := svc.Create(t.Context(), tt.in); domain.CodeOf(err) != tt.code {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
		}
	}
	if n := len(env.Records(t)); n != 0 {
		t.Errorf("%d records after refused creations", n)
	}
	if _, err := svc.Revoke(t.Context(), operatorkeys.RevokeInput{ID: "P0000000000000000000000000000404"}); !errors.Is(err, operatorkey.ErrNotFound) {
		t.Errorf("revoke unknown: %v", err)
	}
}

// TestOneShot: the command line's service reads the log itself: it lists
// what a server created and revokes it for the server to see.
func TestOneShot(t *testing.T) {
	env := apptest.New(t, apptest.WithoutProjections())
	server := node(t, env)
	out, err := server.Create(t.Context(), operatorkeys.CreateInput{Caller: cli, Actor: "admin", Name: "ci",
		Scopes: []string{operatorkey.ScopePeopleErase, operatorkey.ScopeAuditRead}})
	if err != nil {
		t.Fatal(err)
	}
	cliSvc := operatorkeys.NewOneShot(env.App)
	keys, err := cliSvc.List(t.Context())
	if err != nil || len(keys) != 1 || keys[0].Name != "ci" || strings.Join(keys[0].Scopes, " ") != "audit:read people:erase" {
		t.Fatalf("list: %+v %v", keys, err)
	}
	k, err := cliSvc.Revoke(t.Context(), operatorkeys.RevokeInput{Caller: cli, Actor: "admin-cli", ID: out.Key.ID})
	if err != nil || k.RevokedAt == nil {
		t.Fatalf("revoke: %+v %v", k, err)
	}
	caughtUp(t, env, server)
	if _, err := server.Authenticate(out.Token); !errors.Is(err, operatorkeys.ErrKeyRevoked) {
		t.Errorf("server after a CLI revocation: %v", err)
	}
}

// TestRecordUse: uses within a minute persist once; the in-memory last
// use still moves; another minute persists again.
func TestRecordUse(t *testing.T) {
	env := apptest.New(t, apptest.WithoutProjections())
	svc := node(t, env)
	out, err := svc.Create(t.Context(), operatorkeys.CreateInput{Caller: cli, Actor: "admin", Name: "k",
		Scopes: []string{operatorkey.ScopeMetricsRead}})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := svc.RecordUse(t.Context(), cli, out.Key); err != nil {
			t.Fatal(err)
		}
		env.Clock.Advance(31 * time.Second)
	}
	counts := func() int {
		n := 0
		for _, typ := range env.Types(t) {
			if typ == operatorkey.TypeUsed {
				n++
			}
		}
		return n
	}
	if n := counts(); n != 2 {
		t.Errorf("%d used events for uses at 0s, 31s, 62s, want 2 (0s and 62s)", n)
	}
	k, _ := svc.Get(t.Context(), out.Key.ID)
	if k.LastUsedAt == nil || !k.LastUsedAt.Equal(env.App.Now().Add(-31*time.Second)) {
		t.Errorf("lastUsedAt %v", k.LastUsedAt)
	}
}
