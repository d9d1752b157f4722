// Package authhttp is the HTTP face of the identity core (api/identity):
// Better Auth's email-and-password routes under /api/auth — sign-up,
// sign-in, get-session, sign-out, the session list and revocations,
// update-user, change-password, the multi-session device list and /ok.
// Each handler decodes the request strictly (with Better Auth's error
// messages), calls one identity use case and encodes the answer (cookies,
// JSON); the rules live in the use cases.
package authhttp
