package httpapi

import (
	"net/url"

	"github.com/authledger/authledger/domain/operatorkey"
)

// adminScopes maps every route under /v1 ("METHOD /path", the path
// relative to /v1) to the one scope an operator key needs for it. A route
// missing here is refused to every key, the bootstrap key included
// (TestEveryAdminRouteHasAScope keeps the table complete).
var adminScopes = map[string]string{
	"GET /ontology/groups":       operatorkey.ScopeOntologyRead,
	"GET /ontology/people":       operatorkey.ScopeOntologyRead,
	"GET /ontology/things":       operatorkey.ScopeOntologyRead,
	"GET /ontology/connections":  operatorkey.ScopeOntologyRead,
	"GET /ontology/events":       operatorkey.ScopeOntologyRead,
	"GET /ontology/knowledge":    operatorkey.ScopeOntologyRead,
	"POST /people/:id/ban":       operatorkey.ScopePeopleBan,
	"POST /people/:id/unban":     operatorkey.ScopePeopleBan,
	"POST /people/:id/forget":    operatorkey.ScopePeopleErase,
	"GET /audit/events":          operatorkey.ScopeAuditRead,
	"GET /audit/verify":          operatorkey.ScopeAuditRead,
	"GET /audit/checkpoints":     operatorkey.ScopeAuditRead,
	"GET /audit/as-of":           operatorkey.ScopeAuditPII, // an aggregate's state with its PII decrypted
	"GET /audit/access-review":   operatorkey.ScopeAuditPII, // who could sign in, with their emails
	"POST /keys":                 operatorkey.ScopeAdminKeys,
	"GET /keys":                  operatorkey.ScopeAdminKeys,
	"GET /keys/:id":              operatorkey.ScopeAdminKeys,
	"DELETE /keys/:id":           operatorkey.ScopeAdminKeys,
	"POST /webhooks":             operatorkey.ScopeWebhooksManage,
	"GET /webhooks":              operatorkey.ScopeWebhooksManage,
	"GET /webhooks/:id":          operatorkey.ScopeWebhooksManage,
	"PATCH /webhooks/:id":        operatorkey.ScopeWebhooksManage,
	"DELETE /webhooks/:id":       operatorkey.ScopeWebhooksManage,
	"POST /webhooks/:id/enable":  operatorkey.ScopeWebhooksManage,
	"POST /webhooks/:id/disable": operatorkey.ScopeWebhooksManage,
	"POST /webhooks/:id/replay":  operatorkey.ScopeWebhooksManage,
	"GET /webhooks/:id/attempts": operatorkey.ScopeWebhooksManage,
	"GET /metrics":               operatorkey.ScopeMetricsRead, // outside /v1, same keys
	"GET /openapi.json":          operatorkey.ScopeMetricsRead, // the API's description: operational, no data
}

// piiQueryRoutes are the routes where include=pii asks for decrypted
// personal data: such a request needs audit:pii besides the route's scope.
var piiQueryRoutes = map[string]bool{"GET /audit/events": true}

// unmappedScope is what a route missing from adminScopes requires: no key
// carries it.
const unmappedScope = "unmapped"

// scopesFor is every scope a request to route with rawQuery needs.
func scopesFor(route route, rawQuery string) []string {
	key := route.Method + " " + route.Path
	scope, ok := adminScopes[key]
	if !ok {
		scope = unmappedScope
	}
	if piiQueryRoutes[key] && asksPII(rawQuery) {
		return []string{scope, operatorkey.ScopeAuditPII}
	}
	return []string{scope}
}

// asksPII reports whether a query asks for personal data: include is
// present, or the query cannot be parsed (fail closed; the handler
// refuses it anyway).
func asksPII(rawQuery string) bool {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return true
	}
	_, ok := q["include"]
	return ok
}
