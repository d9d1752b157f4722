package compliance

import "github.com/authledger/authledger/domain"

// owaspFacts are the few data fields that refine a name.
type owaspFacts struct {
	Reason    string `json:"reason"`
	AfterFail int    `json:"afterFail"`
}

// owaspName returns the vocabulary name and outcome of a record from the
// table of event facts declared next to the events (catalog.Facts),
// refined by the record's data: a sign-in refused by the lockout (or,
// now, during an address's backoff) is authn_login_fail_max, a success after failures
// authn_login_successafterfail. Unknown types are "unknown".
func owaspName(table map[string]domain.Facts, typ string, f owaspFacts) (name, outcome string) {
	e, ok := table[typ]
	if !ok {
		return "unknown", "unknown"
	}
	name, outcome = e.OWASP, "success"
	if e.Failure {
		outcome = "failure"
	}
	switch {
	case typ == "account.sign_in_failed" && f.Reason == "locked",
		typ == "signin.failed" && f.Reason == "throttled":
		name = "authn_login_fail_max"
	case typ == "two_factor.code_rejected" && f.Reason == "locked":
		name = "authn_mfa_fail_max"
	case typ == "account.sign_in_succeeded" && f.AfterFail > 0:
		name = "authn_login_successafterfail"
	}
	return name, outcome
}
