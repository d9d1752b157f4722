package session

import "github.com/authledger/authledger/domain"

// Facts describes every event of this package for the audit surfaces.
func Facts() []domain.Facts {
	return []domain.Facts{
		{Event: Created{}, Subject: domain.By(func(e Created) string { return e.PersonID }), OWASP: "session_created"},
		{Event: Refreshed{}, Subject: domain.By(func(e Refreshed) string { return e.PersonID }), OWASP: "session_renewed"},
		{Event: Revoked{}, Subject: domain.By(func(e Revoked) string { return e.PersonID }), OWASP: "authn_token_revoked"},
		{Event: Expired{}, Subject: domain.By(func(e Expired) string { return e.PersonID }), OWASP: "session_expired"},
		{Event: ActiveOrganizationSet{}, Subject: domain.By(func(e ActiveOrganizationSet) string { return e.PersonID }),
			OWASP: "authz_change"},
	}
}
