package recovery

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
)

// ErrInvalidEmail refuses an address that is not one (Better Auth's
// message for this route).
var ErrInvalidEmail = domain.Errorf(domain.CodeInvalidEmail, "Invalid email")

// RequestInput asks for a reset link. RedirectTo (where the link sends
// the browser) is validated by the transport against its trusted origins.
type RequestInput struct {
	Caller     app.Caller
	Email      string
	RedirectTo string
}

// job is one accepted request for the background.
type job struct {
	meta       domain.Metadata
	addr       string
	redirectTo string
}

// RequestReset validates the address and hands the request to a
// background worker; it returns at once, the same for known and unknown
// addresses. When MaxPending requests are being worked on, the request is
// dropped (and logged) and answered alike. ctx is deliberately unused:
// the work outlives the request, bounded by Config.SendTimeout.
func (s *Service) RequestReset(_ context.Context, in RequestInput) error {
	addr, err := email.Canonicalize(in.Email)
	if err != nil {
		return ErrInvalidEmail
	}
	j := job{meta: in.Caller.Meta("", s.app.Now()), addr: addr, redirectTo: in.RedirectTo}
	if j.redirectTo == "" {
		j.redirectTo = s.cfg.DefaultRedirect
	}
	if !s.pool.Go(func() { s.work(j) }) {
		s.app.Logger.Warn("password reset request dropped: too many pending", "request_id", in.Caller.RequestID)
	}
	return nil
}

// work is the background half of a request; it logs a failure (by
// request id, never the address).
func (s *Service) work(j job) {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.SendTimeout)
	defer cancel()
	if err := s.issue(ctx, j); err != nil {
		s.app.Logger.Error("password reset request failed", "request_id", j.meta.RequestID, "err", err)
	}
}
