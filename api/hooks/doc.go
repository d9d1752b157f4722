// Package hooks is the before-hooks of authledger: a synchronous question
// to the operator's code before a sign-up, a sign-in (after the password,
// before the session) or an organization's creation. The answer allows,
// refuses with a message the client sees (Better Auth's APIError shape), or
// allows with values for the additional user fields.
//
// Before is the port (an HTTP implementation posting signed JSON lives in
// package webhook); Guard is what the use cases call: it asks only for the
// configured kinds, applies the fail-open or fail-closed policy when the
// hook cannot answer, and records every refusal as a hook.refused audit
// event, the only thing a refused action writes. A nil *Guard allows
// everything at no cost.
package hooks
