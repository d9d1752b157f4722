// Package orgs is the organization use cases of authledger (Better Auth's
// organization plugin): create, update and delete an organization, make it
// a session's active one, invite people and answer invitations, list and
// manage members, and check permissions — transport-free, context-first
// functions that the HTTP layer (api/httpapi/orghttp), the CLI and Go
// programs embedding authledger call.
//
// Every decision about an organization (who may read it, who may change
// it) is made on its group stream, never on an asynchronous projection:
// each call folds the stream's tail past a cached state
// (eventstore.FoldCache; group.State is a persistent value, safe to share
// between calls), so a role change or a removal written by any node is
// seen by the next call, and an organization of 10,000 members is not
// decoded again on every request. Commands go through the kernel
// (app.Handle): load, decide, append with the expected version, retry on
// a concurrent writer; the slug claim and the session's active
// organization are appended atomically with the group's events.
//
// The read store (ontology) is used only to find candidates: the
// organizations a person belongs to (connections) and the organization of
// an invitation (things); each candidate is then checked on its stream.
package orgs
