package httpapi

import (
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/signin"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/prometheus/client_golang/prometheus"
)

// authMetrics count authentication outcomes from the events this node
// commits (eventstore.Pipeline.Observed): each node counts what it
// decided, so the sum over the nodes is the cluster's total (a log reader
// on every node would count every event once per node).
type authMetrics struct {
	signIns      *prometheus.CounterVec // by method, provider and outcome
	signUps      prometheus.Counter
	throttled    prometheus.Counter     // password sign-ins refused during a backoff
	twoFactorBad *prometheus.CounterVec // rejected second-factor codes by method
}

// newAuthMetrics builds the counters.
func newAuthMetrics() *authMetrics {
	return &authMetrics{
		signIns: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "authledger_sign_ins_total",
			Help: "Sign-in attempts decided by this node, by method (password, social, passkey), provider (social only) and outcome (success, failure)."},
			[]string{"method", "provider", "outcome"}),
		signUps: prometheus.NewCounter(prometheus.CounterOpts{Name: "authledger_sign_ups_total",
			Help: "People who signed up (any method) on this node."}),
		throttled: prometheus.NewCounter(prometheus.CounterOpts{Name: "authledger_sign_in_throttled_total",
			Help: "Password sign-ins refused because the address was in its failure backoff."}),
		twoFactorBad: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "authledger_two_factor_failures_total",
			Help: "Rejected second-factor codes by method (totp, otp, backup_code)."}, []string{"method"}),
	}
}

// collectors lists the counters for the registry.
func (m *authMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{m.signIns, m.signUps, m.throttled, m.twoFactorBad}
}

// observe counts the outcomes among committed events. A password failure
// is counted from the throttle's event, which is appended for known and
// unknown addresses alike (the account's own failure event exists only
// for a known one); a banned person's refused sign-in from the account's.
// A passkey sign-in counts from the authenticator's use that opened a
// session, a refused one from a regressed signature counter (the refusal
// the log records; an assertion that does not verify appends nothing).
func (m *authMetrics) observe(events []domain.Event) {
	for _, e := range events {
		switch e := e.(type) {
		case account.SignInSucceeded:
			m.signIns.WithLabelValues("password", "", "success").Inc()
		case account.SignInFailed:
			if e.Reason == "banned" {
				m.signIns.WithLabelValues("password", "", "failure").Inc()
			}
		case signin.Failed:
			if e.Reason == signin.ReasonThrottled {
				m.throttled.Inc()
			} else {
				m.signIns.WithLabelValues("password", "", "failure").Inc()
			}
		case authenticator.Used:
			if e.SessionID != "" { // a sign-in, not a re-authentication
				m.signIns.WithLabelValues("passkey", "", "success").Inc()
			}
		case authenticator.SignCountRegressed:
			m.signIns.WithLabelValues("passkey", "", "failure").Inc()
		case social.Succeeded:
			m.signIns.WithLabelValues("social", e.ProviderID, "success").Inc()
		case social.Failed:
			m.signIns.WithLabelValues("social", e.ProviderID, "failure").Inc()
		case person.SignedUp:
			m.signUps.Inc()
		case twofactor.CodeRejected:
			m.twoFactorBad.WithLabelValues(e.Method).Inc()
		}
	}
}
