// Package webhooks is the use cases of the operator's webhook endpoints
// ("after-hooks"): create (answering the signing secret once), list, get,
// update, enable, disable, delete, replay and the attempts log; and
// Deliverer, which posts the log's events to every enabled endpoint.
//
// Delivery is at-least-once and in log order per endpoint. Each endpoint
// has its own checkpoint in the read store ("webhook.<id>"), moved in the
// same read-store transaction as the outcome of the attempt that
// delivered the event ("webhook.<id>.state": the last attempts, the
// replay applied, since when the endpoint fails). A crash after the
// receiver acknowledged and before that transaction committed delivers
// the event again after the restart, with the same webhook-id (the event
// id), so receivers deduplicate. A failing event is retried, with
// exponential backoff and jitter, until it succeeds; the endpoint's later
// events wait behind it (order is kept), other endpoints do not. An
// endpoint failing for longer than Deliverer.DisableAfter is disabled
// (webhook.endpoint_disabled, reason failing, in the audit trail, and an
// error log line); enabling it again resumes from its checkpoint.
//
// Payloads are {"type", "timestamp", "data"} (Standard Webhooks): data is
// the event's fields without secrets, hashes or sealed personal data; an
// endpoint created with includePii gets the allowed personal data (email,
// name, image, IP, user agent…) decrypted at delivery time, and nothing
// for an erased person (the key is gone).
//
// The package is transport-free: the HTTP client (SSRF-guarded dialer,
// signing) is the Sender port, given by the caller.
package webhooks
