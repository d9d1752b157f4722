package app

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Caller says where a request comes from: what every event it causes
// records besides the actor. Transports fill it (HTTP: request id, client
// IP behind trusted proxies, user agent); the CLI names itself.
type Caller struct {
	RequestID string
	IP        string
	UserAgent string
	// Impersonator is the administrator acting through an impersonation
	// session: every event the request causes names them besides the
	// actor.
	Impersonator string
}

// maxUserAgent bounds the stored user agent.
const maxUserAgent = 512

// Meta is the event metadata of an action by actor at at.
func (c Caller) Meta(actor string, at time.Time) domain.Metadata {
	ua := c.UserAgent
	if len(ua) > maxUserAgent {
		ua = ua[:maxUserAgent]
	}
	return domain.Metadata{Actor: actor, Impersonator: c.Impersonator, RequestID: c.RequestID, IP: c.IP, UserAgent: ua, OccurredAt: at}
}
