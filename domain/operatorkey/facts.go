package operatorkey

import "github.com/authledger/authledger/domain"

// Facts describes every event of this package for the audit surfaces.
// Keys are about no person: they have no subject.
func Facts() []domain.Facts {
	return []domain.Facts{
		{Event: Created{}, OWASP: "authn_token_created"},
		{Event: Revoked{}, OWASP: "authn_token_revoked"},
		{Event: Used{}, OWASP: "authn_token_used"},
		{Event: Refused{}, Failure: true, OWASP: "authz_fail"},
	}
}
