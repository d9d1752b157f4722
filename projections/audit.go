package projections

import (
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/audit"
)

// auditTypes are the audit trail's own events (reads of the trail).
func auditTypes() []string { return []string{audit.TypeRead} }

// addAuditSubjects gives audit.read rows no subject person: the reader is
// the actor (the admin credential), the filters stay in the log.
func addAuditSubjects(p *eventsProjector) {
	p.subjects[audit.TypeRead] = func(domain.Event) (string, error) { return "", nil }
}
