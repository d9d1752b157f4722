package group

import "github.com/authledger/authledger/domain"

// Folding a long stream with Evolve copies a pmap path (root, branch and
// leaf, about 2 KiB in a 10,000-member organization) per event, although
// only the final state is kept. EvolveAll folds instead with transient
// maps, in the manner of Clojure's transients: the first edit of a node in
// the fold copies it, as Evolve would, and marks the copy as the fold's
// own; later edits change owned nodes in place. Nodes of the state the fold
// started from are never owned, so that state stays unchanged, and the
// result is frozen (no owner) before it is returned: from then on every
// edit copies again.

// owned records which nodes of one transient pmap the fold created.
type owned struct {
	root   bool
	branch [fanout]bool
	leaf   [fanout][fanout]bool
}

// EvolveAll folds evs into s as Evolve one by one would, without changing
// s; see above.
func EvolveAll(s State, evs []domain.Event) State {
	for _, ev := range evs {
		s = Evolve(s.transient(), ev)
	}
	return s.frozen()
}

// transient gives each map of s that has none a fresh owner (Created
// starts from an empty State).
func (s State) transient() State {
	if s.members.own == nil {
		s.members.own = &owned{}
	}
	if s.byPerson.own == nil {
		s.byPerson.own = &owned{}
	}
	if s.invitations.own == nil {
		s.invitations.own = &owned{}
	}
	return s
}

// frozen drops the owners of s's maps: s is a value again.
func (s State) frozen() State {
	s.members.own, s.byPerson.own, s.invitations.own = nil, nil, nil
	return s
}

// ownPath makes key's root, branch and leaf the fold's own, copying those
// that are not, and returns the branch and leaf indexes.
func (m *pmap[V]) ownPath(key string) (int, int) {
	b, l := slot(key)
	o := m.own
	if !o.root {
		root := new([fanout]*[fanout][]entry[V])
		if m.root != nil {
			*root = *m.root
		}
		m.root, o.root = root, true
	}
	if !o.branch[b] {
		branch := new([fanout][]entry[V])
		if m.root[b] != nil {
			*branch = *m.root[b]
		}
		m.root[b], o.branch[b] = branch, true
	}
	if !o.leaf[b][l] {
		leaf := m.root[b][l]
		m.root[b][l] = append(make([]entry[V], 0, len(leaf)+4), leaf...)
		o.leaf[b][l] = true
	}
	return b, l
}

// setOwned is Set on a transient map.
func (m pmap[V]) setOwned(key string, v V) pmap[V] {
	b, l := m.ownPath(key)
	leaf := m.root[b][l]
	for i := range leaf {
		if leaf[i].key == key {
			leaf[i].val = v
			return m
		}
	}
	m.root[b][l] = append(leaf, entry[V]{key, v})
	m.n++
	return m
}

// deleteOwned is Delete on a transient map of key, found at index i of
// its leaf.
func (m pmap[V]) deleteOwned(key string, i int) pmap[V] {
	b, l := m.ownPath(key)
	leaf := m.root[b][l]
	m.root[b][l] = append(leaf[:i], leaf[i+1:]...)
	m.n--
	return m
}
