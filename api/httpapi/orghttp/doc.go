// Package orghttp is the HTTP surface of the organization use cases
// (api/orgs): Better Auth's organization plugin routes under
// /api/auth/organization/. Each handler resolves the caller's session,
// decodes the request strictly (with Better Auth's validation messages),
// calls one use case and encodes Better Auth's JSON objects; the
// organization error codes get Better Auth's statuses from Statuses.
package orghttp
