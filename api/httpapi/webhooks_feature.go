package httpapi

import (
	"context"

	"github.com/authledger/authledger/api/httpapi/webhookshttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/webhook"
	"github.com/authledger/authledger/api/webhooks"
	"github.com/authledger/authledger/ontology"
)

// WebhooksConfig is the webhook endpoints' settings.
type WebhooksConfig struct {
	// AllowPrivate lets endpoints be on loopback, private, link-local or
	// metadata addresses (refused otherwise, at creation and at connect
	// time).
	AllowPrivate bool
}

// webhooksFeature builds the endpoint use cases (their URL check is the
// outbound client's address policy) and their HTTP feature.
func (s *Server) webhooksFeature() wire.Feature {
	read, _ := s.cfg.Read.(ontology.Store)
	allow := s.cfg.Webhooks.AllowPrivate
	s.webhooks = webhooks.New(s.app, webhooks.Config{Read: read,
		CheckURL: func(ctx context.Context, u string) error { return webhook.CheckEndpoint(ctx, u, allow) }})
	return webhookshttp.New(s.kit, s.webhooks, s.decodeAdminBody)
}

// Webhooks is the endpoint use cases (the caller runs their Deliverer).
func (s *Server) Webhooks() *webhooks.Service { return s.webhooks }
