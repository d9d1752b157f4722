package memory

import (
	"slices"

	"github.com/authledger/authledger/ontology"
)

// factKey identifies a knowledge row.
type factKey struct{ subject, key string }

// tables is one complete generation of the six dimensions and the
// checkpoints. The live generation is replaced whole on Promote.
type tables struct {
	groups      map[string]ontology.Group
	people      map[string]ontology.Person
	things      map[string]ontology.Thing
	conns       map[string]ontology.Connection
	events      []ontology.Event // ascending Seq
	facts       map[factKey]ontology.Fact
	checkpoints map[string]string
}

// newTables returns an empty generation.
func newTables() *tables {
	return &tables{
		groups:      map[string]ontology.Group{},
		people:      map[string]ontology.Person{},
		things:      map[string]ontology.Thing{},
		conns:       map[string]ontology.Connection{},
		facts:       map[factKey]ontology.Fact{},
		checkpoints: map[string]string{},
	}
}

// appendEvent stores e, numbering it max(seq)+1 when e.Seq is 0 and
// replacing any row with the same explicit Seq.
func (t *tables) appendEvent(e ontology.Event) {
	if e.Seq == 0 {
		e.Seq = 1
		if n := len(t.events); n > 0 {
			e.Seq = t.events[n-1].Seq + 1
		}
	}
	i, found := slices.BinarySearchFunc(t.events, e.Seq, func(x ontology.Event, seq int64) int {
		switch {
		case x.Seq < seq:
			return -1
		case x.Seq > seq:
			return 1
		}
		return 0
	})
	if found {
		t.events[i] = e
		return
	}
	t.events = slices.Insert(t.events, i, e)
}

// deleteSubject removes every row about a person except its events.
func (t *tables) deleteSubject(personID string) {
	delete(t.people, personID)
	for id, th := range t.things {
		if th.OwnerID == personID {
			delete(t.things, id)
		}
	}
	for id, c := range t.conns {
		if c.FromID == personID || c.ToID == personID {
			delete(t.conns, id)
		}
	}
	for k := range t.facts {
		if k.subject == personID {
			delete(t.facts, k)
		}
	}
}

// The clone* helpers copy a row's slices and pointers and put its times in
// UTC, so stored rows share no memory with callers and read like SQL rows.

func cloneGroup(g ontology.Group) ontology.Group {
	g.Data = slices.Clone(g.Data)
	g.CreatedAt, g.UpdatedAt = g.CreatedAt.UTC(), g.UpdatedAt.UTC()
	return g
}

func clonePerson(p ontology.Person) ontology.Person {
	p.Fields = slices.Clone(p.Fields)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	if p.LastSignInAt != nil {
		last := p.LastSignInAt.UTC()
		p.LastSignInAt = &last
	}
	return p
}

func cloneThing(th ontology.Thing) ontology.Thing {
	th.Data = slices.Clone(th.Data)
	th.CreatedAt, th.UpdatedAt = th.CreatedAt.UTC(), th.UpdatedAt.UTC()
	if th.ExpiresAt != nil {
		exp := th.ExpiresAt.UTC()
		th.ExpiresAt = &exp
	}
	return th
}

func cloneConnection(c ontology.Connection) ontology.Connection {
	c.Data = slices.Clone(c.Data)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c
}

func cloneEvent(e ontology.Event) ontology.Event {
	e.OccurredAt = e.OccurredAt.UTC()
	return e
}

func cloneFact(f ontology.Fact) ontology.Fact {
	f.Value = slices.Clone(f.Value)
	f.UpdatedAt = f.UpdatedAt.UTC()
	return f
}
