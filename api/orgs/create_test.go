package orgs_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
)

func TestCreate(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	alice := w.signUp("alice@example.com", true)
	other := "someone-else"
	full, err := w.orgs.Create(ctx, orgs.CreateInput{Authed: w.authed(alice), Name: "Acme", Slug: "acme",
		Logo: "https://example.com/l.png", Metadata: json.RawMessage(`{ "plan": "pro" }`)})
	wantOK(t, err)
	if full.Name != "Acme" || full.Metadata != `{"plan":"pro"}` || len(full.Members) != 1 ||
		full.Members[0].Role != group.RoleOwner || full.Members[0].PersonID != w.authed(alice).User.ID {
		t.Fatalf("created %+v", full)
	}
	if got := w.authed(alice).Session.ActiveOrganizationID; got != full.ID {
		t.Errorf("active organization = %q, want the new one", got)
	}
	refusals := []struct {
		name string
		in   orgs.CreateInput
		code domain.Code
	}{
		{"slug taken", orgs.CreateInput{Name: "Other", Slug: "acme"}, group.CodeOrganizationAlreadyExists},
		{"for another user", orgs.CreateInput{Name: "B", Slug: "b", UserID: &other}, domain.CodeForbidden},
		{"slug with a space", orgs.CreateInput{Name: "B", Slug: "b c"}, domain.CodeValidation},
		{"control character in the name", orgs.CreateInput{Name: "B\x01", Slug: "b"}, domain.CodeValidation},
		{"blank name", orgs.CreateInput{Name: "  ", Slug: "b"}, domain.CodeValidation},
		{"logo not a URL", orgs.CreateInput{Name: "B", Slug: "b", Logo: "javascript:x"}, domain.CodeValidation},
		{"metadata not an object", orgs.CreateInput{Name: "B", Slug: "b", Metadata: json.RawMessage(`[1]`)},
			domain.CodeValidation},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Authed = w.authed(alice)
			wantRefused(t, w, func() error { _, err := w.orgs.Create(ctx, tc.in); return err }, tc.code)
		})
	}
}

func TestCreateKeepsTheActiveOrganization(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	alice := w.signUp("alice@example.com", true)
	first, err := w.orgs.Create(ctx, orgs.CreateInput{Authed: w.authed(alice), Name: "One", Slug: "one"})
	wantOK(t, err)
	before := w.Head(t)
	_, err = w.orgs.Create(ctx, orgs.CreateInput{Authed: w.authed(alice), Name: "Two", Slug: "two", KeepActive: true})
	wantOK(t, err)
	if got := w.authed(alice).Session.ActiveOrganizationID; got != first.ID {
		t.Errorf("active organization = %q, want the first", got)
	}
	if got, want := w.TypesSince(t, before), []string{group.TypeCreated, group.TypeMemberAdded}; !slices.Equal(got, want) {
		t.Errorf("appended %v, want %v", got, want)
	}
}

func TestCheckSlug(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	alice := w.signUp("alice@example.com", true)
	_, err := w.orgs.Create(ctx, orgs.CreateInput{Authed: w.authed(alice), Name: "Acme", Slug: "acme"})
	wantOK(t, err)
	for slug, want := range map[string]domain.Code{"acme": orgs.CodeSlugTaken, "free": ""} {
		err := w.orgs.CheckSlug(ctx, slug)
		if got := domain.CodeOf(err); err != nil && got != want || err == nil && want != "" {
			t.Errorf("CheckSlug(%q) = %v, want code %q", slug, err, want)
		}
	}
}
