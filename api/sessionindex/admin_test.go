package sessionindex

import (
	"testing"
	"time"

	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
)

// TestIndexAdminFields: role changes, ban details and impersonation
// sessions reach the index.
func TestIndexAdminFields(t *testing.T) {
	x := New()
	exp := t0.Add(time.Hour)
	feed(t, x,
		person.SignedUp{PersonID: "p1", Email: "a@x.io", Name: "A", Role: "user", At: t0},
		person.RoleChanged{PersonID: "p1", Role: "admin", Previous: "user", By: "admin-cli", At: t0.Add(time.Minute)},
		session.Created{SessionID: "S0000000000000000000000000000001", PersonID: "p1", TokenHash: hashHex("imp"),
			ExpiresAt: t0.Add(time.Hour), ImpersonatedBy: "A0000000000000000000000000000001", At: t0},
	)
	s, u, ok := x.Lookup(HashToken("imp"))
	if !ok || u.Role != "admin" || !u.UpdatedAt.Equal(t0.Add(time.Minute)) || s.ImpersonatedBy != "A0000000000000000000000000000001" {
		t.Fatalf("after role change: %+v %+v %v", s, u, ok)
	}
	feed(t, x, person.Banned{PersonID: "p1", Reason: "spam", Expires: exp, At: t0.Add(2 * time.Minute)})
	if u, _ := x.User("p1"); !u.Banned || u.BanReason != "spam" || !u.BanExpires.Equal(exp) {
		t.Errorf("after ban: %+v", u)
	}
	if _, _, ok := x.Lookup(HashToken("imp")); ok {
		t.Error("a ban left a session")
	}
	feed(t, x, person.Unbanned{PersonID: "p1", At: t0.Add(3 * time.Minute)})
	if u, _ := x.User("p1"); u.Banned || u.BanReason != "" || !u.BanExpires.IsZero() {
		t.Errorf("after unban: %+v", u)
	}
}
