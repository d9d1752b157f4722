package admin_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/domain"
)

// TestBanAndUnban: a ban revokes every session of the person in the same
// append and nobody else's; banning twice, or unbanning someone not
// banned, appends nothing; unknown people are not found.
func TestBanAndUnban(t *testing.T) {
	f := newFixture(t)
	alice := f.signUp("alice@example.com", 2)
	bob := f.signUp("bob@example.com", 1)
	if err := f.App.Settle(context.Background(), f.Head(t)); err != nil {
		t.Fatal(err)
	}
	ban := func(id string) error {
		return f.svc.Ban(context.Background(), admin.BanInput{Caller: caller, PersonID: id, Reason: "abuse"})
	}
	unban := func(id string) error {
		return f.svc.Unban(context.Background(), admin.UnbanInput{Caller: caller, PersonID: id})
	}
	tests := []struct {
		name      string
		run       func() error
		wantErr   error
		wantTypes string
	}{
		{"ban", func() error { return ban(alice) }, nil, "person.banned,session.revoked,session.revoked"},
		{"ban again", func() error { return ban(alice) }, nil, ""},
		{"ban unknown", func() error { return ban("P0000000000000000000000000000404") }, domain.ErrNotFound, ""},
		{"ban malformed", func() error { return ban("x") }, domain.ErrNotFound, ""},
		{"unban", func() error { return unban(alice) }, nil, "person.unbanned"},
		{"unban again", func() error { return unban(alice) }, nil, ""},
		{"unban unknown", func() error { return unban("P0000000000000000000000000000404") }, domain.ErrNotFound, ""},
	}
	for _, tt := range tests {
		before := f.Head(t)
		if err := tt.run(); !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: err %v, want %v", tt.name, err, tt.wantErr)
		}
		if got := strings.Join(f.TypesSince(t, before), ","); got != tt.wantTypes {
			t.Errorf("%s: appended %q, want %q", tt.name, got, tt.wantTypes)
		}
	}
	if n := len(f.sessions.All(alice)); n != 0 {
		t.Errorf("alice keeps %d sessions after the ban", n)
	}
	if n := len(f.sessions.All(bob)); n != 1 {
		t.Errorf("bob has %d sessions, want 1", n)
	}
}
