// Package recoveryhttp is the HTTP surface of password reset by email
// (Better Auth's routes under /api/auth): request-password-reset, the
// emailed link GET /reset-password/:token, and reset-password. Each
// handler decodes strictly, checks redirect targets against the trusted
// origins, calls one use case of api/recovery and encodes the answer.
package recoveryhttp
