package app

import "github.com/authledger/authledger/domain/group"

// InviteeKey returns the key ref that seals an invited address in
// organization streams: group.InviteeKeyPrefix then the keyed hash of the
// canonical address (the claim key, so no plaintext address names a key).
// Destroying that key erases the address from every invitation.
func (a *App) InviteeKey(canonicalEmail string) string {
	return group.InviteeKeyPrefix + a.Claim("invitee", canonicalEmail, "").Key
}
