package sessionindex

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
)

// Decoder turns a stored record into its domain event.
type Decoder interface {
	Decode(ctx context.Context, rec eventstore.Record) (domain.Event, domain.Metadata, error)
}

// Follow applies the log from the start and then every new record until
// ctx ends. Only person.* and session.* records are decoded.
func (x *Index) Follow(ctx context.Context, s eventstore.Store, dec Decoder) error {
	return eventstore.Follow(ctx, s, x.Position(), 1000, func(ctx context.Context, recs []eventstore.Record) error {
		return x.ApplyRecords(ctx, dec, recs)
	})
}

// ApplyRecords decodes and applies a batch in order, then advances the
// position past the batch.
func (x *Index) ApplyRecords(ctx context.Context, dec Decoder, recs []eventstore.Record) error {
	if len(recs) == 0 {
		return nil
	}
	evs := make([]domain.Event, len(recs))
	for i, r := range recs {
		if !relevant(r.Type) {
			continue
		}
		ev, _, err := dec.Decode(ctx, r)
		if err != nil {
			return fmt.Errorf("sessionindex: decode %s at %s: %w", r.Type, r.Position, err)
		}
		evs[i] = ev
	}
	x.mu.Lock()
	for _, ev := range evs {
		if ev != nil {
			x.apply(ev)
		}
	}
	x.pos = recs[len(recs)-1].Position
	close(x.moved)
	x.moved = make(chan struct{})
	x.mu.Unlock()
	return nil
}

func relevant(typ string) bool {
	switch typ {
	case person.TypeSignedUp, person.TypeProfileUpdated, person.TypeBanned, person.TypeUnbanned, person.TypeErased,
		person.TypeEmailVerified, person.TypeEmailChanged, person.TypeRoleChanged,
		session.TypeCreated, session.TypeRefreshed, session.TypeRevoked, session.TypeExpired,
		session.TypeActiveOrganizationSet, twofactor.TypeEnabled, twofactor.TypeDisabled:
		return true
	}
	return false
}

// apply folds one event; the caller holds the write lock.
func (x *Index) apply(ev domain.Event) {
	switch e := ev.(type) {
	case person.SignedUp:
		x.users[e.PersonID] = &User{ID: e.PersonID, Name: e.Name, Email: e.Email, Image: e.Image,
			EmailVerified: e.EmailVerified, Role: e.Role, Fields: person.Evolve(person.State{}, e).Fields,
			CreatedAt: e.At, UpdatedAt: e.At}
	case person.ProfileUpdated:
		x.applyProfile(e)
	case person.EmailVerified:
		x.setVerified(e.PersonID, "", e.At)
	case person.EmailChanged:
		x.setVerified(e.PersonID, e.NewEmail, e.At)
	case person.Banned:
		x.setBanned(e.PersonID, true)
		x.setBanDetails(e.PersonID, e.Reason, e.Expires, e.At)
	case person.Unbanned:
		x.setBanned(e.PersonID, false)
		x.setBanDetails(e.PersonID, "", time.Time{}, e.At)
	case person.RoleChanged:
		x.setRole(e)
	case twofactor.Enabled:
		x.setTwoFactor(e.PersonID, true, e.At)
	case twofactor.Disabled:
		x.setTwoFactor(e.PersonID, false, e.At)
	case person.Erased:
		x.setBanned(e.PersonID, true) // drops every session at once
		delete(x.users, e.PersonID)
	case session.Created:
		x.addSession(e)
	case session.Refreshed:
		if s := x.personSession(e.PersonID, e.SessionID); s != nil {
			s.expires, s.updated = e.ExpiresAt.UnixMilli(), e.At.UnixMilli()
		}
	case session.ActiveOrganizationSet:
		if s := x.personSession(e.PersonID, e.SessionID); s != nil {
			s.activeOrg = x.internID(e.OrganizationID) // updated stays the last refresh
		}
	case session.Revoked:
		x.removeSession(e.PersonID, e.SessionID)
	case session.Expired:
		x.removeSession(e.PersonID, e.SessionID)
	}
}

func (x *Index) applyProfile(e person.ProfileUpdated) {
	u, ok := x.users[e.PersonID]
	if !ok {
		return
	}
	nu := *u
	st := person.Evolve(person.State{Exists: true, Name: u.Name, Image: u.Image, Fields: u.Fields}, e)
	nu.Name, nu.Image, nu.Fields, nu.UpdatedAt = st.Name, st.Image, st.Fields, e.At
	x.users[e.PersonID] = &nu // copy-on-write: Lookup copies under the read lock anyway
}

// setVerified marks a user's address as proven, moving it to addr
// unless "".
func (x *Index) setVerified(personID, addr string, at time.Time) {
	u, ok := x.users[personID]
	if !ok {
		return
	}
	nu := *u
	if addr != "" {
		nu.Email = addr
	}
	nu.EmailVerified, nu.UpdatedAt = true, at
	x.users[personID] = &nu
}

// setBanned marks a user; a ban drops every session of the person at once,
// whatever the order of the revocations that accompany it.
func (x *Index) setBanned(personID string, banned bool) {
	u, ok := x.users[personID]
	if !ok {
		return
	}
	nu := *u
	nu.Banned = banned
	x.users[personID] = &nu
	if banned {
		for _, n := range x.byPerson[personID] {
			x.sessions.remove(n)
		}
		delete(x.byPerson, personID)
	}
}

func (x *Index) addSession(e session.Created) {
	var h [32]byte
	if n, err := hex.Decode(h[:], []byte(e.TokenHash)); err != nil || n != 32 {
		return
	}
	personID := e.PersonID
	if u, ok := x.users[personID]; ok {
		personID = u.ID // share the string
	}
	if len(e.SessionID) != domainIDLen {
		return
	}
	if old, dup := x.sessions.find(h); dup { // never for random tokens; the later one wins, as it did
		o := x.sessions.at(old)
		x.removeSession(o.personID, string(o.id[:]))
	}
	s := entry{tokenHash: h, personID: personID, created: e.At.UnixMilli(), updated: e.At.UnixMilli(),
		expires: e.ExpiresAt.UnixMilli(), ip: x.intern(e.IP), ua: x.intern(e.UserAgent), rememberMe: e.RememberMe,
		imperson: x.internID(e.ImpersonatedBy)}
	copy(s.id[:], e.SessionID)
	x.byPerson[personID] = append(x.byPerson[personID], x.sessions.add(s))
}

// personSession is the entry of a person's session by id, or nil.
func (x *Index) personSession(personID, sessionID string) *entry {
	for _, n := range x.byPerson[personID] {
		if s := x.sessions.at(n); string(s.id[:]) == sessionID {
			return s
		}
	}
	return nil
}

func (x *Index) removeSession(personID, sessionID string) {
	list := x.byPerson[personID]
	for i, n := range list {
		if string(x.sessions.at(n).id[:]) != sessionID {
			continue
		}
		x.sessions.remove(n)
		list = append(list[:i:i], list[i+1:]...)
		if len(list) == 0 {
			delete(x.byPerson, personID)
		} else {
			x.byPerson[personID] = list
		}
		return
	}
}

// intern shares equal IP and user-agent strings between sessions; most
// sessions come from a handful of user agents. The table is bounded.
func (x *Index) intern(s string) string {
	if v, ok := x.strings[s]; ok {
		return v
	}
	if len(x.strings) < 100_000 {
		x.strings[s] = s
	}
	return s
}

// internID interns an organization or administrator id; sessions keep a
// 4-byte index instead of a string header. The table grows with the
// number of distinct organizations ever made active and administrators
// who ever impersonated.
func (x *Index) internID(id string) uint32 {
	if i, ok := x.idIndex[id]; ok {
		return i
	}
	i := uint32(len(x.ids))
	x.ids = append(x.ids, id)
	x.idIndex[id] = i
	return i
}
