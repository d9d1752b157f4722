package sessionindex

import (
	"time"

	"github.com/authledger/authledger/domain/person"
)

// setBanDetails records a ban's reason and expiry (cleared by an unban);
// the caller holds the write lock.
func (x *Index) setBanDetails(personID, reason string, expires, at time.Time) {
	u, ok := x.users[personID]
	if !ok {
		return
	}
	nu := *u
	nu.BanReason, nu.BanExpires, nu.UpdatedAt = reason, expires, at
	x.users[personID] = &nu
}

// setRole records a platform role change; the caller holds the write lock.
func (x *Index) setRole(e person.RoleChanged) {
	u, ok := x.users[e.PersonID]
	if !ok {
		return
	}
	nu := *u
	nu.Role, nu.UpdatedAt = e.Role, e.At
	x.users[e.PersonID] = &nu
}
