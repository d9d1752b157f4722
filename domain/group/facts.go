package group

import "github.com/authledger/authledger/domain"

// Facts describes every event of this package for the audit surfaces:
// each is about its organization; membership events are also about the
// member.
func Facts() []domain.Facts {
	member := func(ev domain.Event) string {
		switch e := ev.(type) {
		case MemberAdded:
			return e.PersonID
		case MemberRemoved:
			return e.PersonID
		case MemberLeft:
			return e.PersonID
		case MemberRoleChanged:
			return e.PersonID
		}
		return ""
	}
	facts := []domain.Facts{
		{Event: Created{}, OWASP: "sensitive_create"},
		{Event: Updated{}, OWASP: "sensitive_update"},
		{Event: Deleted{}, OWASP: "sensitive_delete"},
		{Event: MemberAdded{}, Subject: member, OWASP: "privilege_permissions_changed"},
		{Event: MemberRemoved{}, Subject: member, OWASP: "privilege_permissions_changed"},
		{Event: MemberRoleChanged{}, Subject: member, OWASP: "privilege_permissions_changed"},
		{Event: MemberLeft{}, Subject: member, OWASP: "privilege_permissions_changed"},
		{Event: InvitationCreated{}, OWASP: "sensitive_create"},
		{Event: InvitationResent{}, OWASP: "sensitive_update"},
		{Event: InvitationAccepted{}, OWASP: "privilege_permissions_changed"},
		{Event: InvitationRejected{}, OWASP: "sensitive_update"},
		{Event: InvitationCanceled{}, OWASP: "sensitive_delete"},
		{Event: InvitationExpired{}, OWASP: "sensitive_delete"},
	}
	for i := range facts {
		facts[i].Group = groupID
	}
	return facts
}

// groupID returns the organization of any event of this package.
func groupID(ev domain.Event) string {
	switch e := ev.(type) {
	case Created:
		return e.GroupID
	case Updated:
		return e.GroupID
	case Deleted:
		return e.GroupID
	case MemberAdded:
		return e.GroupID
	case MemberRemoved:
		return e.GroupID
	case MemberRoleChanged:
		return e.GroupID
	case MemberLeft:
		return e.GroupID
	}
	return invitationGroupID(ev)
}

func invitationGroupID(ev domain.Event) string {
	switch e := ev.(type) {
	case InvitationCreated:
		return e.GroupID
	case InvitationResent:
		return e.GroupID
	case InvitationAccepted:
		return e.GroupID
	case InvitationRejected:
		return e.GroupID
	case InvitationCanceled:
		return e.GroupID
	case InvitationExpired:
		return e.GroupID
	}
	return ""
}
