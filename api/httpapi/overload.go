package httpapi

import (
	"log/slog"
	"sync"
	"time"
)

// overloadLogEvery is the least time between two overload warnings.
const overloadLogEvery = 10 * time.Second

// hashOverload counts requests refused with 503 because every
// password-hashing slot stayed busy, and logs them as a rate-limited
// warning: under a credential-stuffing flood every such request would
// otherwise write an ERROR line and flood the log. The count is in
// /metrics (authledger_password_hash_overload_total).
type hashOverload struct {
	mu         sync.Mutex
	total      uint64
	suppressed uint64    // refusals since the last warning, not logged
	lastLog    time.Time // zero until the first warning
}

// note counts one refusal and logs a warning when none was logged in the
// last overloadLogEvery (by the server's clock), saying how many refusals
// it stood for.
func (o *hashOverload) note(logger *slog.Logger, now time.Time, path string) {
	o.mu.Lock()
	o.total++
	o.suppressed++
	if !o.lastLog.IsZero() && now.Sub(o.lastLog) < overloadLogEvery {
		o.mu.Unlock()
		return
	}
	suppressed, total := o.suppressed-1, o.total
	o.suppressed, o.lastLog = 0, now
	o.mu.Unlock()
	logger.Warn("password hashing overloaded: refusing sign-ins with 503", "path", path,
		"suppressed", suppressed, "total", total, "every", overloadLogEvery)
}

// count is the number of refusals so far.
func (o *hashOverload) count() uint64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.total
}
