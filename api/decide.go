package api

import (
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// decideOn is the load → decide half of every command: it folds stream,
// runs the decider on the command built from the state, and returns the
// change to append (expecting the version it read) together with the
// decider's own error. Audit events that come with an error (a failed
// sign-in) are in the change too: callers append it, then return the error.
func decideOn[S, C any](c echo.Context, s *Server, d domain.Decider[S, C], stream string, cmd func(S) C) (S, change, error) {
	st, v, err := eventstore.Load(c.Request().Context(), s.cfg.Store, s.cfg.Codec, d, stream)
	if err != nil {
		return st, change{}, err
	}
	evs, derr := d.Decide(st, cmd(st))
	return st, change{stream: stream, expected: eventstore.Exactly(v), events: evs}, derr
}

// runOn is a whole single-stream command: decide on stream, append the
// change (audit events included), retry on a concurrent writer, and
// return the decider's error.
func runOn[S, C any](c echo.Context, s *Server, d domain.Decider[S, C], stream, actor, keyRef string, cmd func(S) C) error {
	return retry(func() error {
		_, ch, derr := decideOn(c, s, d, stream, cmd)
		if derr != nil && len(ch.events) == 0 {
			return derr
		}
		if _, err := s.commit(c, s.meta(c, actor, s.now()), keyRef, ch); err != nil {
			return err
		}
		return derr
	})
}
