// Package httpapi is authledger's HTTP surface on Echo v4: the Better Auth wire
// contract under /api/auth (one file per feature), the analyst reads under
// /v1/ontology, health probes, and the middleware that every request passes
// (security headers, body limit, strict JSON, origin checks, rate limits).
// Errors map to HTTP statuses in exactly one place (errors.go).
package httpapi
