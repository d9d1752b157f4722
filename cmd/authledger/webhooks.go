package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"time"

	api "github.com/authledger/authledger/api/httpapi"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/webhook"
	"github.com/authledger/authledger/api/webhook/sign"
	"github.com/authledger/authledger/api/webhooks"
)

// webhookSettings are the --webhooks-* settings.
type webhookSettings struct {
	AllowPrivate bool
	DisableAfter time.Duration
	NotifyEmail  string // told when an endpoint is disabled for failing ("" = nobody)
}

// webhooks parses the --webhooks-* settings.
func (p *settingsParser) webhooks() webhookSettings {
	w := webhookSettings{AllowPrivate: p.choice("webhooks-allow-private", "false", "true") == 1,
		DisableAfter: p.duration("webhooks-disable-after"), NotifyEmail: p.str("webhooks-notify-email")}
	if w.DisableAfter <= 0 {
		p.fail("webhooks-disable-after", "must be a positive duration such as 24h")
	}
	if w.NotifyEmail != "" && (!strings.Contains(w.NotifyEmail, "@") || strings.ContainsAny(w.NotifyEmail, "\r\n\x00 ,")) {
		p.fail("webhooks-notify-email", "must be one email address")
	}
	return w
}

// webhookRunner is the webhook deliverer (api/webhooks) of the server's
// endpoints, run by one node at a time; only serve starts it.
func webhookRunner(a *app, srv *api.Server, s webhookSettings, mailer mail.Sender, metrics *webhooks.Metrics) func(context.Context) error {
	d := &webhooks.Deliverer{Service: srv.Webhooks(), Read: a.read, Sender: newWebhookSender(s.AllowPrivate),
		DisableAfter: s.DisableAfter, Metrics: metrics, Logger: a.log}
	if s.NotifyEmail != "" && mailer != nil {
		d.OnDisabled = func(ctx context.Context, ep webhooks.Endpoint) {
			if err := mailer.Send(ctx, disabledMail(s.NotifyEmail, ep, s.DisableAfter)); err != nil {
				a.log.Error("could not mail the operator about a disabled webhook endpoint", "endpoint", ep.ID, "err", err)
			}
		}
	}
	return func(ctx context.Context) error {
		return asLeader(ctx, elector(a.read, electWebhooks), a.log, d.Run)
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

// disabledMail tells the operator an endpoint was disabled for failing.
func disabledMail(to string, ep webhooks.Endpoint, after time.Duration) mail.Message {
	return mail.Message{To: to, Subject: "authledger: webhook endpoint " + ep.ID + " disabled",
		Text: fmt.Sprintf("The webhook endpoint %s kept failing for %s and was disabled.\n\nLast error: %s\n\n"+
			"Once the receiver works again, enable it (POST /v1/webhooks/%s/enable, or authledger webhooks enable %s):\n"+
			"what it missed is then delivered.\n", ep.ID, after, ep.LastError, ep.ID, ep.ID)}
}
