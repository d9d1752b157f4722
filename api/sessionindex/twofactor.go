package sessionindex

import "time"

// setTwoFactor sets the user's twoFactorEnabled and updatedAt
// (copy-on-write, like the other user changes); the caller holds the
// write lock.
func (x *Index) setTwoFactor(personID string, on bool, at time.Time) {
	u, ok := x.users[personID]
	if !ok {
		return
	}
	nu := *u
	nu.TwoFactorEnabled, nu.UpdatedAt = on, at
	x.users[personID] = &nu
}
