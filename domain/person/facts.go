package person

import "github.com/authledger/authledger/domain"

// Facts describes every event of this package for the audit surfaces.
func Facts() []domain.Facts {
	return []domain.Facts{
		{Event: SignedUp{}, Subject: domain.By(func(e SignedUp) string { return e.PersonID }), OWASP: "user_created"},
		{Event: ProfileUpdated{}, Subject: domain.By(func(e ProfileUpdated) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: Banned{}, Subject: domain.By(func(e Banned) string { return e.PersonID }), OWASP: "user_archived"},
		{Event: Unbanned{}, Subject: domain.By(func(e Unbanned) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: EmailVerificationRequested{}, Subject: domain.By(func(e EmailVerificationRequested) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: EmailVerified{}, Subject: domain.By(func(e EmailVerified) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: EmailChangeRequested{}, Subject: domain.By(func(e EmailChangeRequested) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: EmailChanged{}, Subject: domain.By(func(e EmailChanged) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: DeletionRequested{}, Subject: domain.By(func(e DeletionRequested) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: AccountLinked{}, Subject: domain.By(func(e AccountLinked) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: AccountUnlinked{}, Subject: domain.By(func(e AccountUnlinked) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: UnprovenAccessRemoved{}, Subject: domain.By(func(e UnprovenAccessRemoved) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: CredentialAdded{}, Subject: domain.By(func(e CredentialAdded) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: RoleChanged{}, Subject: domain.By(func(e RoleChanged) string { return e.PersonID }), OWASP: "authz_change"},
		{Event: Erased{}, Subject: domain.By(func(e Erased) string { return e.PersonID }), OWASP: "user_deleted"},
	}
}
