package compliance

import (
	"testing"

	"github.com/authledger/authledger/domain/catalog"
)

func TestOWASPName(t *testing.T) {
	table := catalog.FactsByType()
	tests := []struct {
		typ               string
		facts             owaspFacts
		wantName, wantOut string
	}{
		{"account.sign_in_succeeded", owaspFacts{}, "authn_login_success", "success"},
		{"account.sign_in_succeeded", owaspFacts{AfterFail: 2}, "authn_login_successafterfail", "success"},
		{"account.sign_in_failed", owaspFacts{Reason: "invalid_password"}, "authn_login_fail", "failure"},
		{"account.sign_in_failed", owaspFacts{Reason: "locked"}, "authn_login_fail_max", "failure"},
		{"signin.failed", owaspFacts{Reason: "invalid_credentials"}, "authn_login_fail", "failure"},
		{"signin.failed", owaspFacts{Reason: "throttled"}, "authn_login_fail_max", "failure"},
		{"account.password_changed", owaspFacts{}, "authn_password_change", "success"},
		{"account.password_change_failed", owaspFacts{}, "authn_password_change_fail", "failure"},
		{"session.created", owaspFacts{}, "session_created", "success"},
		{"session.refreshed", owaspFacts{}, "session_renewed", "success"},
		{"session.expired", owaspFacts{}, "session_expired", "success"},
		{"person.signed_up", owaspFacts{}, "user_created", "success"},
		{"person.erased", owaspFacts{}, "user_deleted", "success"},
		{"no.such_type", owaspFacts{}, "unknown", "unknown"},
	}
	for _, tt := range tests {
		name, out := owaspName(table, tt.typ, tt.facts)
		if name != tt.wantName || out != tt.wantOut {
			t.Errorf("%s %+v = %s/%s, want %s/%s", tt.typ, tt.facts, name, out, tt.wantName, tt.wantOut)
		}
	}
}
