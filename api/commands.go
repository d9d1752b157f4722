package api

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// change is one stream's part of a command: the events a decider produced
// and the claims to take or release with them.
type change struct {
	stream   string
	expected eventstore.ExpectedVersion
	events   []domain.Event
	claims   []eventstore.Claim
	releases []eventstore.Claim
}

// now is the command clock: UTC, truncated to the millisecond so what is
// stored equals what the wire shows.
func (s *Server) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Millisecond) }

// meta builds the event metadata of a request.
func (s *Server) meta(c echo.Context, actor string, at time.Time) domain.Metadata {
	r := c.Request()
	return domain.Metadata{Actor: actor, RequestID: requestID(c), IP: s.clientIP(c),
		UserAgent: truncate(r.UserAgent(), 512), OccurredAt: at}
}

// commit seals and appends the changes atomically, then waits until the
// session index and the local projections have applied them, so the
// client reads its own writes. The position goes out as X-Consistency-Token.
func (s *Server) commit(c echo.Context, meta domain.Metadata, keyRef string, changes ...change) (eventstore.Position, error) {
	ctx := c.Request().Context()
	reqs := make([]eventstore.AppendRequest, 0, len(changes))
	for _, ch := range changes {
		req := eventstore.AppendRequest{Stream: ch.stream, Expected: ch.expected, Claims: ch.claims, Releases: ch.releases}
		for _, ev := range ch.events {
			data, err := s.cfg.Codec.Encode(ctx, ev, meta, keyRef)
			if err != nil {
				return eventstore.Position{}, err
			}
			req.Events = append(req.Events, data)
		}
		if len(req.Events) > 0 || len(req.Claims) > 0 || len(req.Releases) > 0 {
			reqs = append(reqs, req)
		}
	}
	if len(reqs) == 0 {
		return eventstore.Position{}, nil
	}
	pos, err := s.cfg.Store.Append(ctx, reqs...)
	if err != nil {
		return pos, err
	}
	s.consistencyToken(c, pos)
	return pos, s.settle(ctx, pos)
}

// consistencyToken sends X-Consistency-Token with a successful answer
// only: a failed sign-in must look exactly like one for an unknown email,
// even though only the former appended an audit event.
func (s *Server) consistencyToken(c echo.Context, pos eventstore.Position) {
	first := c.Get(ctxPosition) == nil
	c.Set(ctxPosition, pos)
	if !first {
		return
	}
	res := c.Response()
	res.Before(func() {
		if res.Status < 400 {
			p, _ := c.Get(ctxPosition).(eventstore.Position)
			res.Header().Set("X-Consistency-Token", p.String())
		}
	})
}

// settle waits (bounded) for the index and the projections to reach pos.
// The write is already durable: a timeout here is reported as 503 so the
// client retries a read, never the command.
func (s *Server) settle(ctx context.Context, pos eventstore.Position) error {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.WaitTimeout)
	defer cancel()
	if err := s.index.WaitFor(ctx, pos); err != nil {
		return domain.ErrUnavailable
	}
	if s.cfg.Projections != nil {
		if err := s.cfg.Projections.WaitFor(ctx, pos); err != nil {
			s.cfg.Logger.Warn("projections behind after commit", "position", pos.String(), "err", err)
		}
	}
	return nil
}

// retry runs fn again (up to 4 times) when a concurrent writer moved a
// stream between its load and its append.
func retry(fn func() error) error {
	var err error
	for range 4 {
		if err = fn(); !errors.Is(err, eventstore.ErrWrongExpectedVersion) {
			return err
		}
	}
	return domain.Errorf(domain.CodeConflict, "Concurrent update, please retry")
}

// claimKey is the HMAC of a claim value: no plaintext ever enters claims.
func (s *Server) claim(kind, value, owner string) eventstore.Claim {
	m := hmac.New(sha256.New, s.claimKey)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return eventstore.Claim{Kind: kind, Key: hex.EncodeToString(m.Sum(nil)), Owner: owner}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
