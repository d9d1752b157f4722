// Package audithttp is the HTTP face of the compliance use cases, under
// /v1 behind an operator key and its scope (checked by the server): audit queries and the
// streaming NDJSON/CSV export, chain verification and checkpoint export,
// an aggregate's state as of a point of the log, and erasure. Each
// handler decodes the query, calls one compliance use case and encodes
// the answer.
package audithttp
