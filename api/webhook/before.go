package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/authledger/authledger/api/hooks"
)

// BeforeHook asks the endpoint of a Client about actions (hooks.Before).
type BeforeHook struct {
	client *Client
	now    func() time.Time
}

// NewBeforeHook returns the before-hook over c.
func NewBeforeHook(c *Client) *BeforeHook { return &BeforeHook{client: c, now: c.cfg.Now} }

// message is what the endpoint receives: the Standard Webhooks payload
// shape, type (the hook point, prefixed "before."), timestamp and data.
type message struct {
	Type      string        `json:"type"`
	Timestamp time.Time     `json:"timestamp"`
	Data      hooks.Request `json:"data"`
}

// answer is what the endpoint returns; allow is required.
type answer struct {
	Allow   *bool          `json:"allow"`
	Status  int            `json:"status"`
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Fields  map[string]any `json:"fields"`
}

// ErrBadAnswer is a 2xx answer that is not a decision.
var ErrBadAnswer = errors.New("webhook: the answer is not a decision (want a JSON object with a boolean allow)")

// Check implements hooks.Before.
func (h *BeforeHook) Check(ctx context.Context, req hooks.Request) (hooks.Decision, error) {
	body, err := json.Marshal(message{Type: "before." + string(req.Kind), Timestamp: h.now().UTC(), Data: req})
	if err != nil {
		return hooks.Decision{}, err
	}
	out, err := h.client.Post(ctx, body)
	if err != nil {
		return hooks.Decision{}, err
	}
	var a answer
	if err := json.Unmarshal(out, &a); err != nil || a.Allow == nil {
		return hooks.Decision{}, ErrBadAnswer
	}
	return hooks.Decision{Allow: *a.Allow, Status: a.Status, Code: a.Code, Message: a.Message, Fields: a.Fields}, nil
}
