// Package adminhttp is the HTTP face of the administrative use cases
// under /v1, behind an operator key and its scope (checked by the server): banning and
// unbanning a person, and the analysts' reads of the six ontology
// dimensions (GET /v1/ontology/<dimension>?<filter>=…&cursor=…&limit=…,
// honouring X-Consistency-Token). Each handler decodes, calls one admin
// use case and encodes.
package adminhttp
