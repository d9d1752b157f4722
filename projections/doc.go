// Package projections folds the event log into the six ontology dimensions.
//
// A Projector turns decoded events into rows of one dimension (people.v1,
// things.v1, connections.v1, events.v1, knowledge.v1, groups.v1). The Runner
// reads the log in global order after each projector's checkpoint, decodes
// every record once per batch and applies the batch to all healthy
// projectors together with their checkpoints in one ontology transaction, so
// a crash never double-applies or skips a record. A projector whose event
// fails stops alone and is reported by Status; the others keep running.
// Rebuild projects the whole log into staged tables and promotes them when
// caught up, without stopping the live projection.
//
// Two things keep catch-up and rebuilds fast: while behind, a prefetcher
// reads and decodes the next batch while the current one is applied, and
// each projector writes through a coalescer that stores a row written many
// times in a batch (a session created, refreshed and revoked) only once.
// Rows are still validated at the event that writes them, so a bad row
// stops its projector at the right record.
package projections
