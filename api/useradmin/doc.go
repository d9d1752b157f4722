// Package useradmin holds the use cases of Better Auth's admin plugin:
// creating, listing, updating, banning, impersonating and removing users,
// gated by the caller's platform role (person.Role) through the plugin's
// default access-control statements. It is transport-free: the HTTP
// routes live in api/httpapi/useradminhttp, the operator's set-role
// command in cmd/authledger.
//
// Every change is an event decided by the person, session or account
// aggregate and appended with the administrator as actor; removal is the
// same crypto-shredding erasure as the compliance "forget" (api/compliance).
// Impersonation opens a session of the target that names the administrator
// (session.impersonatedBy), lives at most an hour and cannot target an
// administrator; every event caused through it carries both people in its
// metadata (actor and impersonator).
package useradmin
