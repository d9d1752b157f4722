package httpapi

import (
	"context"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

// brokenChain is a chain verifier that reports a break.
type brokenChain struct{}

func (brokenChain) VerifyChain(_ context.Context, after, to eventstore.Position, _ ...chain.Checkpoint) (chain.Report, error) {
	return chain.Report{OK: false, After: after, Last: to, BrokenAt: eventstore.Position{Lo: 4}, Reason: chain.ReasonChanged}, nil
}

func TestAuditVerifyRoute(t *testing.T) {
	if r := auditGet(newHarness(t), "/v1/audit/verify"); r.status != 501 {
		t.Errorf("store without a chain: %d %s", r.status, r.body)
	}
	h := newHarness(t, func(c *Config) { c.Compliance.Verifier = brokenChain{} })
	tests := []struct {
		query  string
		status int
	}{
		{"", 200}, {"?from=0.1&to=0.9", 200}, {"?from=x", 400}, {"?at=0.1", 400}, {"?from=0.1&from=0.2", 400},
	}
	for _, tt := range tests {
		if r := auditGet(h, "/v1/audit/verify"+tt.query); r.status != tt.status {
			t.Errorf("%q: %d %s, want %d", tt.query, r.status, r.body, tt.status)
		}
	}
	m := auditGet(h, "/v1/audit/verify?from=0.1").json(t)
	brokenAt, _ := m["brokenAt"].(map[string]any)
	after, _ := m["after"].(map[string]any)
	if m["ok"] != false || brokenAt["Lo"] != 4.0 || m["reason"] != "record_changed" || after["Lo"] != 1.0 {
		t.Errorf("report: %v", m)
	}
}
