package compliance

import (
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/domain/twofactor"
)

// grant is who gave a member their current role, and when.
type grant struct {
	by string
	at time.Time
}

// accessFold is every aggregate an access review needs, folded from the
// log in one pass: the same Evolve functions the deciders use, so the
// review agrees with the domain's own view.
type accessFold struct {
	people     map[string]person.State
	groups     map[string]group.State
	sessions   map[string]session.State
	twoFactor  map[string]twofactor.State
	passkeys   map[string]authenticator.State
	lastSignIn map[string]time.Time
	grants     map[string]grant  // by group id + "/" + member id
	inviters   map[string]string // invitation id → inviter
}

func newAccessFold() *accessFold {
	return &accessFold{people: map[string]person.State{}, groups: map[string]group.State{},
		sessions: map[string]session.State{}, twoFactor: map[string]twofactor.State{},
		passkeys: map[string]authenticator.State{}, lastSignIn: map[string]time.Time{},
		grants: map[string]grant{}, inviters: map[string]string{}}
}

// apply folds one decoded event of stream.
func (f *accessFold) apply(stream string, ev domain.Event) {
	switch {
	case strings.HasPrefix(stream, domain.PersonStreamPrefix):
		f.people[stream] = person.Evolve(f.people[stream], ev)
	case strings.HasPrefix(stream, domain.GroupStreamPrefix):
		f.groups[stream] = group.NewDecider().Evolve(f.groups[stream], ev)
		f.grant(ev)
	case strings.HasPrefix(stream, domain.SessionStreamPrefix):
		f.sessions[stream] = session.Evolve(f.sessions[stream], ev)
	case strings.HasPrefix(stream, twofactor.StreamPrefix):
		f.twoFactor[stream] = twofactor.Evolve(f.twoFactor[stream], ev)
	case strings.HasPrefix(stream, authenticator.StreamPrefix):
		f.passkeys[stream] = authenticator.NewDecider().Evolve(f.passkeys[stream], ev)
	}
	f.signIn(ev)
}

// grant records who granted a membership or a role change.
func (f *accessFold) grant(ev domain.Event) {
	switch e := ev.(type) {
	case group.InvitationCreated:
		f.inviters[e.InvitationID] = e.Actor
	case group.MemberAdded:
		by := e.Actor
		if inviter, ok := f.inviters[e.InvitationID]; ok && e.InvitationID != "" {
			by = inviter // an accepted invitation: granted by whoever invited
		}
		f.grants[e.GroupID+"/"+e.MemberID] = grant{by: by, at: e.At}
	case group.MemberRoleChanged:
		f.grants[e.GroupID+"/"+e.MemberID] = grant{by: e.Actor, at: e.At}
	}
}

// signIn keeps the last completed sign-in of each person, from the same
// events as the people projection's last_sign_in_at.
func (f *accessFold) signIn(ev domain.Event) {
	var pid string
	var at time.Time
	switch e := ev.(type) {
	case account.SignInSucceeded:
		pid, at = e.PersonID, e.At
	case authenticator.Used:
		pid, at = e.PersonID, e.At
	case social.Succeeded:
		if e.SessionID != "" {
			pid, at = e.PersonID, e.At
		}
	case twofactor.CodeAccepted:
		if e.ChallengeID != "" {
			pid, at = e.PersonID, e.At
		}
	}
	if pid != "" && at.After(f.lastSignIn[pid]) {
		f.lastSignIn[pid] = at
	}
}
