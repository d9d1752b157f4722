package account

import "github.com/authledger/authledger/domain"

// Facts describes every event of this package for the audit surfaces.
func Facts() []domain.Facts {
	return []domain.Facts{
		{Event: Created{}, Subject: domain.By(func(e Created) string { return e.PersonID }), OWASP: "user_created"},
		{Event: SignInSucceeded{}, Subject: domain.By(func(e SignInSucceeded) string { return e.PersonID }),
			OWASP: "authn_login_success"},
		{Event: SignInFailed{}, Subject: domain.By(func(e SignInFailed) string { return e.PersonID }),
			Failure: true, OWASP: "authn_login_fail"},
		{Event: PasswordChanged{}, Subject: domain.By(func(e PasswordChanged) string { return e.PersonID }),
			OWASP: "authn_password_change"},
		{Event: PasswordChangeFailed{}, Subject: domain.By(func(e PasswordChangeFailed) string { return e.PersonID }),
			Failure: true, OWASP: "authn_password_change_fail"},
		{Event: PasswordRehashed{}, Subject: domain.By(func(e PasswordRehashed) string { return e.PersonID }),
			OWASP: "sensitive_update"},
		{Event: SecondFactorRequired{}, Subject: domain.By(func(e SecondFactorRequired) string { return e.PersonID }),
			OWASP: "authn_mfa_required"},
		{Event: PasswordResetRequested{}, Subject: domain.By(func(e PasswordResetRequested) string { return e.PersonID }),
			OWASP: "authn_password_reset_request"},
		{Event: PasswordReset{}, Subject: domain.By(func(e PasswordReset) string { return e.PersonID }),
			OWASP: "authn_password_change"},
		{Event: PasswordVerified{}, Subject: domain.By(func(e PasswordVerified) string { return e.PersonID }),
			OWASP: "authn_password_verify"},
		{Event: PasswordVerifyFailed{}, Subject: domain.By(func(e PasswordVerifyFailed) string { return e.PersonID }),
			Failure: true, OWASP: "authn_password_verify_fail"},
		{Event: Unlinked{}, Subject: domain.By(func(e Unlinked) string { return e.PersonID }), OWASP: "user_updated"},
		{Event: ProviderTokensStored{}, Subject: domain.By(func(e ProviderTokensStored) string { return e.PersonID }),
			OWASP: "sensitive_create"},
		{Event: ProviderTokensRefreshed{}, Subject: domain.By(func(e ProviderTokensRefreshed) string { return e.PersonID }),
			OWASP: "sensitive_update"},
	}
}
