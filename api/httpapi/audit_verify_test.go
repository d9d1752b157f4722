package httpapi

import (
	"context"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

// brokenChain is an event store whose chain verification reports a break.
type brokenChain struct{ eventstore.Store }

func (brokenChain) VerifyChain(_ context.Context, after, to eventstore.Position) (bool, any, error) {
	return false, map[string]any{"ok": false, "brokenAt": "0.4", "reason": "record_changed", "from": after.String(), "to": to.String()}, nil
}

func TestAuditVerifyRoute(t *testing.T) {
	if r := auditGet(newHarness(t), "/v1/audit/verify"); r.status != 501 {
		t.Errorf("store without a chain: %d %s", r.status, r.body)
	}
	h := newHarnessOn(t, brokenChain{memory.New()})
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
	if m["ok"] != false || m["brokenAt"] != "0.4" || m["reason"] != "record_changed" || m["from"] != "0.1" {
		t.Errorf("report: %v", m)
	}
}
