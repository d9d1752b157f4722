// Package webhook is authledger's outbound HTTP to the operator's
// endpoints: JSON POSTs signed the Standard Webhooks way (package sign),
// over a client that refuses to connect to loopback, private, link-local,
// shared or metadata addresses (checked on the resolved address at
// connect time, so DNS rebinding cannot slip through) unless allowed,
// follows no redirects, uses no proxy and reads a bounded answer.
//
// BeforeHook implements the before-hook port (api/hooks.Before) over it;
// Client.Send posts a message under a given id (the after-hooks of
// api/webhooks send each event under its own id), and CheckEndpoint
// refuses a forbidden URL before anything is stored.
package webhook
