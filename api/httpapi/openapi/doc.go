// Package openapi describes the server's HTTP API as OpenAPI 3.1
// documents generated from the route tables (wire.Route): one for
// /api/auth, where Better Auth's openAPI plugin serves its schema, and one
// for the operator API under /v1. Request bodies come from each route's
// declared Body type (json tags, by reflection), success answers from its
// Response type when it declares one, and every error answer has the
// server's {message, code} shape. Reference renders a self-contained HTML
// listing of a document's operations (no script, no CDN).
package openapi
