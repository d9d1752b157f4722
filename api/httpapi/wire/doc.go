// Package wire holds what every HTTP feature package of authledger shares:
// the request's body, id and caller as the middleware left them, strict
// decoding, JSON answers, the session cookies, the caller's session, Better
// Auth's user and session objects (with the fast encoder of the hottest
// answer), and the Route and Feature shapes through which each feature
// hands its routes and its error→status rows to the server.
package wire
