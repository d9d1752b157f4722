package group

import (
	"errors"
	"strings"
	"testing"
)

// TestCanonicalSlug: the slug syntax and its canonical (lower-case) form.
func TestCanonicalSlug(t *testing.T) {
	ok := map[string]string{"acme": "acme", "ORGB-x": "orgb-x", "orgb-x": "orgb-x", "a": "a", "a_b-9": "a_b-9",
		strings.Repeat("a", MaxSlugLen): strings.Repeat("a", MaxSlugLen)}
	for in, want := range ok {
		if got, err := CanonicalSlug(in); err != nil || got != want {
			t.Errorf("CanonicalSlug(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "../../admin", "a/b", "a.b", "-a", "a-", "_a", "has space", " acme", "acme\n",
		"%2e%2e", "ａcme", "K\u212a", "acme\x00", strings.Repeat("a", MaxSlugLen+1)} {
		if got, err := CanonicalSlug(in); !errors.Is(err, ErrInvalidSlug) {
			t.Errorf("CanonicalSlug(%q) = %q, %v; want ErrInvalidSlug", in, got, err)
		}
	}
}

// TestDecideRefusesNonCanonicalSlugAndLargeMetadata: the decider itself
// takes only canonical slugs and bounded metadata.
func TestDecideRefusesNonCanonicalSlugAndLargeMetadata(t *testing.T) {
	big := `{"a":"` + strings.Repeat("x", MaxMetadataLen) + `"}`
	for _, c := range []CreateOrganization{
		{GroupID: "g", MemberID: "m", Name: "Acme", Slug: "Acme", Actor: "p"},
		{GroupID: "g", MemberID: "m", Name: "Acme", Slug: "../../admin", Actor: "p"},
		{GroupID: "g", MemberID: "m", Name: "Acme", Slug: "acme", Metadata: big, Actor: "p"},
	} {
		if _, err := Decide(State{}, c); err == nil {
			t.Errorf("Decide(%q, %d bytes of metadata) accepted", c.Slug, len(c.Metadata))
		}
	}
}
