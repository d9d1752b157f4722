package audit

import "github.com/authledger/authledger/domain"

// Facts describes every event of this package for the audit surfaces: a
// read of the trail is about nobody in particular.
func Facts() []domain.Facts {
	return []domain.Facts{{Event: Read{}, OWASP: "sensitive_read"}}
}
