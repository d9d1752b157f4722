// Package api is authledger's application API, in two layers:
//
//   - transport-free use-case packages, one per capability (app: the
//     kernel and the command pipeline; sessions, identity, orgs, mfa,
//     passkeys, recovery, social, compliance, admin, useradmin; hooks, the before-hook
//     port the use cases ask), each a set of context-first
//     functions such as SignIn(ctx, SignInInput) (SignInResult, error) that
//     the CLI, the HTTP layer and Go programs embedding authledger call;
//   - httpapi, the Echo layer: the server, middleware and wire helpers, and
//     one subpackage per feature that only decodes, calls one use case and
//     encodes, each exporting its routes and its error→status rows.
//
// This root package holds no code: its test enforces the dependency rules
// between the two layers.
package api
