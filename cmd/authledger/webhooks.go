package main

import (
	"context"
	"errors"
	"net/url"
	"sync"

	"time"

	api "github.com/authledger/authledger/api/httpapi"
	"github.com/authledger/authledger/api/webhook"
	"github.com/authledger/authledger/api/webhook/sign"
	"github.com/authledger/authledger/api/webhooks"
)

// webhookSettings are the --webhooks-* settings.
type webhookSettings struct {
	AllowPrivate bool
	DisableAfter time.Duration
}

// webhooks parses the --webhooks-* settings.
func (p *settingsParser) webhooks() webhookSettings {
	return webhookSettings{AllowPrivate: p.choice("webhooks-allow-private", "false", "true") == 1,
		DisableAfter: p.duration("webhooks-disable-after")}
}

// webhookRunner is the webhook deliverer (api/webhooks) of the server's
// endpoints, run by one node at a time; only serve starts it.
func webhookRunner(a *app, srv *api.Server, s webhookSettings, metrics *webhooks.Metrics) func(context.Context) error {
	d := &webhooks.Deliverer{Service: srv.Webhooks(), Read: a.read, Sender: newWebhookSender(s.AllowPrivate),
		DisableAfter: s.DisableAfter, Metrics: metrics, Logger: a.log}
	return func(ctx context.Context) error {
		return asLeader(ctx, webhookElector(a.read), a.log, d.Run)
	}
}

// webhookSender is webhooks.Sender over api/webhook clients (the
// SSRF-guarded dialer, no redirects, bounded answers), one per endpoint
// URL and secret, kept for their connection pools.
type webhookSender struct {
	allowPrivate bool
	mu           sync.Mutex
	clients      map[webhooks.Target]*webhook.Client
}

// newWebhookSender returns the sender.
func newWebhookSender(allowPrivate bool) *webhookSender {
	return &webhookSender{allowPrivate: allowPrivate, clients: map[webhooks.Target]*webhook.Client{}}
}

// webhookTimeout bounds one delivery exchange.
const webhookTimeout = 10 * time.Second

// Send implements webhooks.Sender.
func (s *webhookSender) Send(ctx context.Context, t webhooks.Target, msgID string, body []byte) (int, error) {
	c, err := s.client(t)
	if err != nil {
		return 0, err
	}
	status, err := c.Send(ctx, msgID, body)
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // without the URL, which may carry a credential of the receiver's
	}
	return status, err
}

// client returns (building once) the client of t.
func (s *webhookSender) client(t webhooks.Target) (*webhook.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clients[t]; ok {
		return c, nil
	}
	secret, err := sign.ParseSecret(t.Secret)
	if err != nil {
		return nil, err
	}
	c, err := webhook.New(webhook.Config{URL: t.URL, Secret: secret, Timeout: webhookTimeout, AllowPrivate: s.allowPrivate})
	if err != nil {
		return nil, err
	}
	s.clients[t] = c
	return c, nil
}
