package compliance

import (
	"context"
	"net/url"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// Bound is a point of the log: a position (inclusive) or a time (the
// records the store had committed at or before it: RecordedAt ≤ time).
type Bound struct {
	pos    eventstore.Position
	at     time.Time
	byTime bool
}

// AtPosition is the bound at a log position.
func AtPosition(p eventstore.Position) Bound { return Bound{pos: p} }

// AtTime is the bound at a commit time.
func AtTime(t time.Time) Bound { return Bound{at: t, byTime: true} }

// ParseBound reads "<RFC 3339 time>" or "<position>" given as parameter
// name (a validation error naming it otherwise).
func ParseBound(name, v string) (Bound, error) {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return AtTime(t), nil
	}
	p, err := eventstore.ParsePosition(v)
	if err != nil || v == "" {
		return Bound{}, domain.Errorf(domain.CodeValidation, name+" must be an RFC 3339 time or a log position")
	}
	return AtPosition(p), nil
}

// String is the bound's text form (what ParseBound reads).
func (b Bound) String() string {
	if b.byTime {
		return b.at.Format(time.RFC3339Nano)
	}
	return b.pos.String()
}

// Includes reports whether rec lies at or before the bound.
func (b Bound) Includes(rec eventstore.Record) bool {
	if b.byTime {
		return !rec.RecordedAt.After(b.at)
	}
	return !b.pos.Less(rec.Position)
}

// AsOfInput asks for one aggregate's state at a bound: exactly one of
// PersonID and GroupID.
type AsOfInput struct {
	Reader   Reader
	At       Bound
	PersonID string
	GroupID  string
}

// AsOfResult is the state folded up to the bound, with its PII decrypted
// (an erased person's PII is gone for good): Person or Group is set.
type AsOfResult struct {
	Person   *person.State
	Group    *group.State
	Version  uint64              // the last folded record's stream version
	Position eventstore.Position // and its position
}

// AsOf records the read and folds the aggregate's stream up to the bound;
// an aggregate with no record by then is not found.
func (s *Service) AsOf(ctx context.Context, in AsOfInput) (AsOfResult, error) {
	pid, gid := in.PersonID, in.GroupID
	if (pid == "") == (gid == "") || !domain.ValidID(pid+gid) {
		return AsOfResult{}, domain.Errorf(domain.CodeValidation, "give exactly one valid person or group id")
	}
	q := url.Values{"at": {in.At.String()}}
	if pid != "" {
		q.Set("person", pid)
	} else {
		q.Set("group", gid)
	}
	if err := s.recordRead(ctx, in.Reader, q.Encode(), true); err != nil {
		return AsOfResult{}, err
	}
	if pid != "" {
		st, last, err := foldUntil(ctx, s, person.NewDecider(), domain.PersonStream(pid), in.At)
		return AsOfResult{Person: &st, Version: last.Version, Position: last.Position}, err
	}
	st, last, err := foldUntil(ctx, s, group.NewDecider(), group.Stream(gid), in.At)
	return AsOfResult{Group: &st, Version: last.Version, Position: last.Position}, err
}

// foldUntil folds stream's records up to the bound; an empty result is
// not found.
func foldUntil[S, C any](ctx context.Context, s *Service, d domain.Decider[S, C], stream string, b Bound) (S, eventstore.Record, error) {
	st := d.Initial
	var last eventstore.Record
	recs, err := s.app.Store.ReadStream(ctx, stream, 0)
	if err != nil {
		return st, last, err
	}
	for _, rec := range recs {
		if !b.Includes(rec) {
			break
		}
		ev, _, err := s.app.Codec.Decode(ctx, rec)
		if err != nil {
			return st, last, err
		}
		st, last = d.Evolve(st, ev), rec
	}
	if last.Version == 0 {
		return st, last, domain.ErrNotFound
	}
	return st, last, nil
}
