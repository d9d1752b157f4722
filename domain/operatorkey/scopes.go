package operatorkey

import "slices"

// Scopes an operator key may carry. Each operator route needs exactly one
// (the table is in the HTTP server); include=pii exports need audit:pii
// besides audit:read.
const (
	ScopeAuditRead      = "audit:read"      // audit events, chain verification, checkpoints
	ScopeAuditPII       = "audit:pii"       // decrypted personal data: include=pii, as-of state
	ScopeOntologyRead   = "ontology:read"   // the six ontology dimensions
	ScopePeopleBan      = "people:ban"      // ban and unban
	ScopePeopleErase    = "people:erase"    // erasure (forget)
	ScopeWebhooksManage = "webhooks:manage" // webhook endpoints: create, list, read, update, enable, disable, replay, delete, attempts
	ScopeAdminKeys      = "admin:keys"      // create, list, read and revoke operator keys
	ScopeMetricsRead    = "metrics:read"    // /metrics
)

// AllScopes lists every known scope, sorted: what the bootstrap key holds.
func AllScopes() []string {
	return []string{ScopeAdminKeys, ScopeAuditPII, ScopeAuditRead, ScopeMetricsRead, ScopeOntologyRead,
		ScopePeopleBan, ScopePeopleErase, ScopeWebhooksManage}
}

// KnownScope reports whether s is one of AllScopes.
func KnownScope(s string) bool { return slices.Contains(AllScopes(), s) }
