// Package app is the kernel every use-case package of authledger shares:
// the dependencies a use case needs (store, codec, keyring, read store,
// session index, hasher, clock, randomness, logger) gathered in one App
// built by the composition root, and the one command pipeline
// (eventstore.Pipeline) through which every append of the product goes.
//
// After each append the pipeline waits, bounded, until this node's session
// index and local projections have applied it (read-your-writes), and
// records the position in the request's Tracker so a transport can hand it
// back as a consistency token. Nothing here knows about HTTP.
package app
