package httpapi

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/httpapi/keyshttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/operatorkeys"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/operatorkey"
	"github.com/labstack/echo/v4"
)

// keysFeature builds the operator key use cases over a fresh index (Run
// follows the log into it) and their HTTP feature.
func (s *Server) keysFeature() wire.Feature {
	s.operators = operatorkeys.New(s.app, operatorkeys.NewIndex())
	return keyshttp.New(s.kit, s.operators, s.decodeAdminBody)
}

// operatorAuth authenticates a caller of /v1 and /metrics with
// Authorization: Bearer <key>: the bootstrap --admin-key (every scope,
// acting as "admin"; compared in constant time) or an operator key
// (alk_…; its scopes, acting as key:<id>, its use recorded). Without a
// bootstrap key and without any operator key ever created the routes
// are 404, as the operator surface is off.
func (s *Server) operatorAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.cfg.AdminKey == "" && s.operators.Index().Len() == 0 {
			return echo.ErrNotFound
		}
		got, ok := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		switch {
		case !ok || got == "":
			return domain.ErrUnauthorized
		case s.cfg.AdminKey != "" && constantTimeEqual(got, s.cfg.AdminKey):
			wire.SetOperator(c, admin.Actor, operatorkey.AllScopes())
			return next(c)
		}
		k, err := s.operators.Authenticate(got)
		if err != nil {
			return err
		}
		if err := s.operators.RecordUse(c.Request().Context(), s.kit.Caller(c), k); err != nil {
			s.cfg.Logger.Warn("could not record an operator key's use", "key", k.ID, "err", err)
		}
		wire.SetOperator(c, k.Actor(), k.Scopes)
		c.Set(ctxOperatorKey, k)
		return next(c)
	}
}

// requireScopes refuses (403 INSUFFICIENT_SCOPE) an authenticated caller
// lacking one of the scopes r needs (see scopesFor).
func (s *Server) requireScopes(r route) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			have, _ := wire.OperatorScopes(c)
			for _, need := range scopesFor(r, c.Request().URL.RawQuery) {
				if !slices.Contains(have, need) {
					s.recordRefusal(c, r, need)
					return operatorkeys.InsufficientScope(need)
				}
			}
			return next(c)
		}
	}
}

// ctxOperatorKey is where operatorAuth leaves the operator key (none for
// the bootstrap key).
const ctxOperatorKey = "authledger.operator_key"

// recordRefusal puts a key's refusal for lacking scope in the audit trail
// (throttled; a failure to record it is logged, the refusal stands).
func (s *Server) recordRefusal(c echo.Context, r route, scope string) {
	k, ok := c.Get(ctxOperatorKey).(operatorkeys.Key)
	if !ok {
		return
	}
	path := r.Path
	if path != "/metrics" {
		path = "/v1" + path
	}
	if err := s.operators.RecordRefusal(c.Request().Context(), s.kit.Caller(c), k, r.Method+" "+path, scope); err != nil {
		s.cfg.Logger.Warn("could not record an operator key's refusal", "key", k.ID, "err", err)
	}
}

// startKeyFollower follows the log into the operator key index until ctx
// ends, resuming after a storage outage with a bounded backoff as Run
// does; the returned function waits until it has stopped.
func (s *Server) startKeyFollower(ctx context.Context) (wait func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		backoff := 50 * time.Millisecond
		for {
			err := s.operators.Index().Follow(ctx, s.cfg.Store, s.cfg.Codec)
			if ctx.Err() != nil {
				return
			}
			s.cfg.Logger.Warn("operator key follower interrupted; retrying", "err", err, "backoff", backoff)
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 2*time.Second)
		}
	}()
	return wg.Wait
}
