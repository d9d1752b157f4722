package authenticator

import "github.com/authledger/authledger/domain"

// Facts describes every event of this package for the audit surfaces.
func Facts() []domain.Facts {
	return []domain.Facts{
		{Event: Registered{}, Subject: domain.By(func(e Registered) string { return e.PersonID }),
			OWASP: "authn_passkey_registered"},
		{Event: Renamed{}, Subject: domain.By(func(e Renamed) string { return e.PersonID }), OWASP: "sensitive_update"},
		{Event: Deleted{}, Subject: domain.By(func(e Deleted) string { return e.PersonID }), OWASP: "authn_passkey_deleted"},
		{Event: Used{}, Subject: domain.By(func(e Used) string { return e.PersonID }), OWASP: "authn_login_success"},
		{Event: SignCountRegressed{}, Subject: domain.By(func(e SignCountRegressed) string { return e.PersonID }),
			Failure: true, OWASP: "authn_login_fail"},
	}
}
