package group

import (
	"errors"
	"fmt"
	"slices"
)

// ErrBadState reports parts Restore refuses: no fold produces them.
var ErrBadState = errors.New("group: invalid state")

// Restore rebuilds a State from the parts a snapshot keeps: the
// organization's fields in head (its members and invitations are
// ignored), its members and its pending invitations. It refuses an empty
// or repeated member or invitation ID and a person with two memberships,
// which no fold produces. The result equals the fold it was taken from;
// members given oldest first (as Members returns them) are kept in that
// order, so Members need not sort them again. Restore owns members (the
// state points into them, in any order): the caller must not change them.
func Restore(head State, members []Member, invitations []Invitation) (State, error) {
	s := State{ID: head.ID, Status: head.Status, Name: head.Name, Slug: head.Slug, Logo: head.Logo,
		Metadata: head.Metadata, CreatedAt: head.CreatedAt, UpdatedAt: head.UpdatedAt}
	owner := map[string]bool{}
	for _, m := range members {
		if m.ID == "" || m.PersonID == "" {
			return State{}, fmt.Errorf("%w: a member without an ID", ErrBadState)
		}
		is, ok := owner[m.Role]
		if !ok {
			is = IsOwner(m.Role)
			owner[m.Role] = is
		}
		if is {
			s.owners++
		}
	}
	id := func(i int) string { return members[i].ID }
	var dup int
	// The map points into members, which s keeps as its sorted list when
	// they come in order: one copy of each member, not two.
	if s.members, dup = buildPmap(len(members), id, func(i int) *Member { return &members[i] }); dup >= 0 {
		return State{}, fmt.Errorf("%w: member %s twice", ErrBadState, members[dup].ID)
	}
	person := func(i int) string { return members[i].PersonID }
	if s.byPerson, dup = buildPmap(len(members), person, id); dup >= 0 {
		return State{}, fmt.Errorf("%w: person %s in two memberships", ErrBadState, members[dup].PersonID)
	}
	if slices.IsSortedFunc(members, olderMember) {
		s.sorted = slices.Clip(members)
	}
	for _, inv := range invitations {
		if inv.ID == "" {
			return State{}, fmt.Errorf("%w: an invitation without an ID", ErrBadState)
		}
		if _, dup := s.invitations.Get(inv.ID); dup {
			return State{}, fmt.Errorf("%w: invitation %s twice", ErrBadState, inv.ID)
		}
		s.invitations = s.invitations.Set(inv.ID, inv)
	}
	return s, nil
}
