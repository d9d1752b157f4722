package person

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

// TestDecideRoleAndBan covers role changes and bans with a reason and an
// expiry.
func TestDecideRoleAndBan(t *testing.T) {
	exp := t0.Add(time.Hour)
	banned := Banned{PersonID: pid, Reason: "spam", Expires: exp, At: t0}
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"grant admin", []domain.Event{signedUp()}, SetRole{Role: RoleAdmin, By: "admin-cli", At: t0},
			[]domain.Event{RoleChanged{PersonID: pid, Role: RoleAdmin, Previous: RoleUser, By: "admin-cli", At: t0}}, nil},
		{"several roles", []domain.Event{signedUp()}, SetRole{Role: "admin,user", By: "P2", At: t0},
			[]domain.Event{RoleChanged{PersonID: pid, Role: "admin,user", Previous: RoleUser, By: "P2", At: t0}}, nil},
		{"same role is a no-op", []domain.Event{signedUp()}, SetRole{Role: RoleUser, By: "P2", At: t0}, nil, nil},
		{"empty role", []domain.Event{signedUp()}, SetRole{Role: "", By: "P2", At: t0}, nil, ErrInvalidRole},
		{"malformed role", []domain.Event{signedUp()}, SetRole{Role: "ad min", By: "P2", At: t0}, nil, ErrInvalidRole},
		{"role of nobody", nil, SetRole{Role: RoleAdmin, At: t0}, nil, domain.ErrNotFound},
		{"ban with reason and expiry", []domain.Event{signedUp()}, Ban{Reason: "spam", Expires: exp, At: t0},
			[]domain.Event{banned}, nil},
		{"the same ban again is a no-op", []domain.Event{signedUp(), banned}, Ban{Reason: "spam", Expires: exp, At: t0}, nil, nil},
		{"a new reason re-bans", []domain.Event{signedUp(), banned}, Ban{Reason: "abuse", At: t0},
			[]domain.Event{Banned{PersonID: pid, Reason: "abuse", At: t0}}, nil},
		{"unban", []domain.Event{signedUp(), banned}, Unban{At: t0}, []domain.Event{Unbanned{PersonID: pid, At: t0}}, nil},
	}
	d := NewDecider()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Decide(d.Fold(tt.given), tt.when)
			if !errors.Is(err, tt.wantErr) && !(err == nil && tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(got, tt.then); diff != "" {
				t.Errorf("events (-got +want):\n%s", diff)
			}
		})
	}
}

// TestBannedAt: a ban with an expiry ends by itself; an unban clears it.
func TestBannedAt(t *testing.T) {
	exp := t0.Add(time.Hour)
	d := NewDecider()
	s := d.Fold([]domain.Event{signedUp(), Banned{PersonID: pid, Reason: "spam", Expires: exp, At: t0}})
	tests := []struct {
		at   time.Time
		want bool
	}{{t0, true}, {exp.Add(-time.Millisecond), true}, {exp, false}, {exp.Add(time.Hour), false}}
	for _, tt := range tests {
		if got := s.BannedAt(tt.at); got != tt.want {
			t.Errorf("BannedAt(%s) = %v, want %v", tt.at, got, tt.want)
		}
	}
	if s.BanReason != "spam" || !s.BanExpires.Equal(exp) {
		t.Errorf("ban details not folded: %+v", s)
	}
	forever := d.Fold([]domain.Event{signedUp(), Banned{PersonID: pid, At: t0}})
	if !forever.BannedAt(t0.AddDate(10, 0, 0)) {
		t.Error("a ban without expiry ended")
	}
	lifted := Evolve(s, Unbanned{PersonID: pid, At: t0})
	if lifted.BannedAt(t0) || lifted.BanReason != "" || !lifted.BanExpires.IsZero() {
		t.Errorf("unban left %+v", lifted)
	}
}

// TestHasRole reads comma-separated roles.
func TestHasRole(t *testing.T) {
	tests := []struct {
		roles, want string
		ok          bool
	}{{"admin", "admin", true}, {"user,admin", "admin", true}, {"user", "admin", false}, {"", "admin", false},
		{"administrator", "admin", false}}
	for _, tt := range tests {
		if got := HasRole(tt.roles, tt.want); got != tt.ok {
			t.Errorf("HasRole(%q, %q) = %v", tt.roles, tt.want, got)
		}
	}
}
