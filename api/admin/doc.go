// Package admin holds the administrative use cases behind an operator
// key (scopes people:ban and ontology:read): banning and unbanning a
// person (a ban revokes every session in the same append), and the
// analysts' reads of the six ontology dimensions with read-your-writes (a
// read given the position of an earlier write waits, bounded, until the
// projections have applied it).
//
// Nothing here knows about HTTP: adminhttp decodes requests, calls one
// use case and encodes the answer; checking the key and its scope is the server's.
package admin
