// Package ontology defines the six read dimensions authledger projects the
// event log into — groups, people, things, connections, events, knowledge —
// the Reader that the API and analysts query, and the Store/Tx that
// projectors write through, with per-projector checkpoints committed in the
// same transaction as the rows.
package ontology
