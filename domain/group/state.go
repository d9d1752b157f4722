package group

import (
	"cmp"
	"slices"
	"time"
)

// Status of an organization.
const (
	StatusActive  = "active"
	StatusDeleted = "deleted"
)

// Member is a person's membership.
type Member struct {
	ID           string
	PersonID     string
	Role         string // comma-separated roles
	InvitationID string // "" for the creator
	JoinedAt     time.Time
	UpdatedAt    time.Time
}

// Invitation is a pending invitation. Accepted, rejected, canceled and
// expired invitations leave the state (the projections keep their
// history), so the state of a long-lived organization stays small.
type Invitation struct {
	ID    string
	Email string // canonical; "" once erased
	// EmailErased: the address's key was destroyed (the invitee was
	// erased); Email is "" and no one can accept the invitation.
	EmailErased bool
	// EmailKey is the key ref that seals Email in the log ("" for the
	// group's key): a snapshot seals its copy with the same key.
	EmailKey  string
	Role      string
	InviterID string
	ExpiresAt time.Time
	CreatedAt time.Time
}

// ExpiredAt reports whether the invitation can no longer be answered at now.
func (i Invitation) ExpiredAt(now time.Time) bool { return !now.Before(i.ExpiresAt) }

// State is an organization folded from its stream. It is a value: Evolve
// returns a new State and never changes the one it is given. Members and
// invitations are read through methods, which keep their indexes
// consistent.
type State struct {
	ID        string
	Status    string // "" when the stream is empty
	Name      string
	Slug      string
	Logo      string
	Metadata  string
	CreatedAt time.Time
	UpdatedAt time.Time

	members     pmap[*Member]    // by member id; never modified through the pointer
	byPerson    pmap[string]     // person id → member id
	owners      int              // members whose role includes owner
	invitations pmap[Invitation] // pending, by invitation id
	// sorted are the members oldest first when Restore was given them so
	// (a snapshot keeps that order); nil after any change of members.
	sorted []Member
}

// Exists reports whether the organization was ever created.
func (s State) Exists() bool { return s.Status != "" }

// Active reports whether the organization exists and is not deleted.
func (s State) Active() bool { return s.Status == StatusActive }

// Member returns a membership by member id.
func (s State) Member(id string) (Member, bool) { return s.member(id) }

// member returns a copy of the membership id.
func (s State) member(id string) (Member, bool) {
	if m, ok := s.members.Get(id); ok {
		return *m, true
	}
	return Member{}, false
}

// MemberOf returns the membership of a person.
func (s State) MemberOf(personID string) (Member, bool) {
	id, ok := s.byPerson.Get(personID)
	if !ok {
		return Member{}, false
	}
	return s.member(id)
}

// MemberCount returns the number of members.
func (s State) MemberCount() int { return s.members.Len() }

// Owners counts the members whose role includes owner.
func (s State) Owners() int { return s.owners }

// Members returns every membership, oldest first (then by id).
func (s State) Members() []Member {
	if s.sorted != nil {
		return slices.Clone(s.sorted)
	}
	return s.sortMembers()
}

// SortedMembers is Members without the copy when s holds its members in
// order already (restored from a snapshot): the slice is then shared with
// s and every copy of it, so the caller must never modify it. For callers
// that keep the list of a state once and only read it (a cache of 10,000
// members would otherwise copy 1 MiB on every cold load).
func (s State) SortedMembers() []Member {
	if s.sorted != nil {
		return s.sorted
	}
	return s.sortMembers()
}

// sortMembers returns a new slice of the members, oldest first.
func (s State) sortMembers() []Member {
	out := make([]Member, 0, s.members.Len())
	for _, m := range s.members.All() {
		out = append(out, *m)
	}
	slices.SortFunc(out, olderMember)
	return out
}

// olderMember orders members oldest first, then by id.
func olderMember(a, b Member) int {
	return cmp.Or(a.JoinedAt.Compare(b.JoinedAt), cmp.Compare(a.ID, b.ID))
}

// Invitation returns a pending invitation by id (expired or not).
func (s State) Invitation(id string) (Invitation, bool) { return s.invitations.Get(id) }

// PendingFor returns the pending invitation of a canonical email (expired
// or not). Pending invitations are few (InviteMember caps them and keeps
// one per email), so they are scanned rather than indexed.
func (s State) PendingFor(email string) (Invitation, bool) {
	for _, inv := range s.invitations.All() {
		if email != "" && inv.Email == email {
			return inv, true
		}
	}
	return Invitation{}, false
}

// Invitations returns the pending invitations, oldest first (then by id).
func (s State) Invitations() []Invitation {
	out := make([]Invitation, 0, s.invitations.Len())
	for _, inv := range s.invitations.All() {
		out = append(out, inv)
	}
	slices.SortFunc(out, func(a, b Invitation) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// PendingCount counts the pending invitations not expired at now.
func (s State) PendingCount(now time.Time) int {
	n := 0
	for _, inv := range s.invitations.All() {
		if !inv.ExpiredAt(now) {
			n++
		}
	}
	return n
}

// putMember returns s with m added or replaced, indexes and owner count
// kept consistent.
func (s State) putMember(m Member) State {
	s = s.dropMember(m.ID)
	s.sorted = nil
	s.members = s.members.Set(m.ID, &m)
	s.byPerson = s.byPerson.Set(m.PersonID, m.ID)
	if IsOwner(m.Role) {
		s.owners++
	}
	return s
}

// dropMember returns s without member id.
func (s State) dropMember(id string) State {
	old, ok := s.members.Get(id)
	if !ok {
		return s
	}
	s.members = s.members.Delete(id)
	s.sorted = nil
	s.byPerson = s.byPerson.Delete(old.PersonID)
	if IsOwner(old.Role) {
		s.owners--
	}
	return s
}

// putInvitation returns s with inv pending.
func (s State) putInvitation(inv Invitation) State {
	s.invitations = s.invitations.Set(inv.ID, inv)
	return s
}

// dropInvitation returns s without pending invitation id.
func (s State) dropInvitation(id string) State {
	s.invitations = s.invitations.Delete(id)
	return s
}
