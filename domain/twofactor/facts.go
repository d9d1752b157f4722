package twofactor

import "github.com/authledger/authledger/domain"

// Facts describes every event of this package for the audit surfaces.
func Facts() []domain.Facts {
	return []domain.Facts{
		{Event: EnrolmentStarted{}, Subject: domain.By(func(e EnrolmentStarted) string { return e.PersonID }),
			OWASP: "authn_mfa_enrolment_started"},
		{Event: Enabled{}, Subject: domain.By(func(e Enabled) string { return e.PersonID }), OWASP: "authn_mfa_enabled"},
		{Event: CodeAccepted{}, Subject: domain.By(func(e CodeAccepted) string { return e.PersonID }), OWASP: "authn_mfa_success"},
		{Event: CodeRejected{}, Subject: domain.By(func(e CodeRejected) string { return e.PersonID }),
			Failure: true, OWASP: "authn_mfa_fail"},
		{Event: BackupCodesGenerated{}, Subject: domain.By(func(e BackupCodesGenerated) string { return e.PersonID }),
			OWASP: "authn_token_created"},
		{Event: Disabled{}, Subject: domain.By(func(e Disabled) string { return e.PersonID }), OWASP: "authn_mfa_disabled"},
		{Event: ActionRefused{}, Subject: domain.By(func(e ActionRefused) string { return e.PersonID }),
			Failure: true, OWASP: "authz_fail"},
		{Event: OTPSent{}, Subject: domain.By(func(e OTPSent) string { return e.PersonID }), OWASP: "authn_mfa_otp_sent"},
	}
}
