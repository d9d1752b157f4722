package compliance

// owaspEntry names an event in the OWASP Logging Vocabulary and says
// whether it records a failure. Where the vocabulary has no word (second
// factors, a sign-in waiting for its second factor) the name follows its
// style with an authn_mfa_ prefix.
type owaspEntry struct {
	name    string
	failure bool
}

// owaspTable maps every stored event type to its OWASP vocabulary name.
// A test checks that every catalog event is listed.
func owaspTable() map[string]owaspEntry {
	ok := func(name string) owaspEntry { return owaspEntry{name: name} }
	fail := func(name string) owaspEntry { return owaspEntry{name: name, failure: true} }
	return map[string]owaspEntry{
		"person.signed_up":                  ok("user_created"),
		"person.profile_updated":            ok("user_updated"),
		"person.banned":                     ok("user_archived"),
		"person.unbanned":                   ok("user_updated"),
		"person.erased":                     ok("user_deleted"),
		"account.created":                   ok("user_created"),
		"account.sign_in_succeeded":         ok("authn_login_success"),
		"account.sign_in_failed":            fail("authn_login_fail"),
		"account.password_changed":          ok("authn_password_change"),
		"account.password_change_failed":    fail("authn_password_change_fail"),
		"account.password_rehashed":         ok("sensitive_update"),
		"account.second_factor_required":    ok("authn_mfa_required"),
		"account.password_reset_requested":  ok("authn_password_reset_request"),
		"account.password_reset":            ok("authn_password_change"),
		"session.created":                   ok("session_created"),
		"session.refreshed":                 ok("session_renewed"),
		"session.revoked":                   ok("authn_token_revoked"),
		"session.expired":                   ok("session_expired"),
		"session.active_organization_set":   ok("authz_change"),
		"group.created":                     ok("sensitive_create"),
		"group.updated":                     ok("sensitive_update"),
		"group.deleted":                     ok("sensitive_delete"),
		"group.member_added":                ok("privilege_permissions_changed"),
		"group.member_removed":              ok("privilege_permissions_changed"),
		"group.member_role_changed":         ok("privilege_permissions_changed"),
		"group.member_left":                 ok("privilege_permissions_changed"),
		"group.invitation_created":          ok("sensitive_create"),
		"group.invitation_resent":           ok("sensitive_update"),
		"group.invitation_accepted":         ok("privilege_permissions_changed"),
		"group.invitation_rejected":         ok("sensitive_update"),
		"group.invitation_canceled":         ok("sensitive_delete"),
		"group.invitation_expired":          ok("sensitive_delete"),
		"two_factor.enrolment_started":      ok("authn_mfa_enrolment_started"),
		"two_factor.enabled":                ok("authn_mfa_enabled"),
		"two_factor.code_accepted":          ok("authn_mfa_success"),
		"two_factor.code_rejected":          fail("authn_mfa_fail"),
		"two_factor.backup_codes_generated": ok("authn_token_created"),
		"two_factor.disabled":               ok("authn_mfa_disabled"),
		"two_factor.action_refused":         fail("authz_fail"),
		"audit.read":                        ok("sensitive_read"),
		"passkey.registered":                ok("authn_passkey_registered"),
		"passkey.renamed":                   ok("sensitive_update"),
		"passkey.deleted":                   ok("authn_passkey_deleted"),
		"passkey.used":                      ok("authn_login_success"),
		"passkey.sign_count_regressed":      fail("authn_login_fail"),
	}
}

// owaspFacts are the few data fields that refine a name.
type owaspFacts struct {
	Reason    string `json:"reason"`
	AfterFail int    `json:"afterFail"`
}

// owaspName returns the vocabulary name and outcome of a record: a sign-in
// refused by the lockout is authn_login_fail_max, a success after failures
// authn_login_successafterfail. Unknown types are "unknown".
func owaspName(table map[string]owaspEntry, typ string, f owaspFacts) (name, outcome string) {
	e, ok := table[typ]
	if !ok {
		return "unknown", "unknown"
	}
	name, outcome = e.name, "success"
	if e.failure {
		outcome = "failure"
	}
	switch {
	case typ == "account.sign_in_failed" && f.Reason == "locked":
		name = "authn_login_fail_max"
	case typ == "two_factor.code_rejected" && f.Reason == "locked":
		name = "authn_mfa_fail_max"
	case typ == "account.sign_in_succeeded" && f.AfterFail > 0:
		name = "authn_login_successafterfail"
	}
	return name, outcome
}
