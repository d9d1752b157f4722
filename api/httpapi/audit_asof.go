package httpapi

import (
	"context"
	"net/url"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// asOfBound is a point in the log: a position (inclusive) or a time
// (records the store had committed at or before it: RecordedAt ≤ time).
type asOfBound struct {
	pos    eventstore.Position
	at     time.Time
	byTime bool
}

// parseAsOfBound reads "<RFC 3339 time>" or "<position>".
func parseAsOfBound(v string) (asOfBound, error) {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return asOfBound{at: t, byTime: true}, nil
	}
	p, err := eventstore.ParsePosition(v)
	if err != nil || v == "" {
		return asOfBound{}, domain.Errorf(domain.CodeValidation, "at must be an RFC 3339 time or a log position")
	}
	return asOfBound{pos: p}, nil
}

// includes reports whether rec lies at or before the bound.
func (b asOfBound) includes(rec eventstore.Record) bool {
	if b.byTime {
		return !rec.RecordedAt.After(b.at)
	}
	return !b.pos.Less(rec.Position)
}

// asOf is GET /v1/audit/as-of?at=…&person=<id> (or group=<id>): the
// aggregate's state folded from its stream up to the bound, with its PII
// decrypted (admin key only; an erased person's PII is gone for good).
func (s *Server) asOf(c echo.Context) error {
	params, err := url.ParseQuery(c.Request().URL.RawQuery)
	if err != nil {
		return domain.Errorf(domain.CodeValidation, "malformed query string")
	}
	for k, vs := range params {
		if len(vs) != 1 || (k != "at" && k != "person" && k != "group") {
			return domain.Errorf(domain.CodeValidation, "only at and one of person or group (once each) are accepted")
		}
	}
	bound, err := parseAsOfBound(params.Get("at"))
	if err != nil {
		return err
	}
	pid, gid := params.Get("person"), params.Get("group")
	if (pid == "") == (gid == "") || !domain.ValidID(pid+gid) {
		return domain.Errorf(domain.CodeValidation, "give exactly one valid person or group id")
	}
	if err := s.recordAuditRead(c, params.Encode(), true); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if pid != "" {
		st, last, err := foldUntil(ctx, s, person.NewDecider(), domain.PersonStream(pid), bound)
		if err != nil {
			return err
		}
		return ok200(c, map[string]any{"person": personView(st), "version": last.Version, "position": last.Position.String()})
	}
	st, last, err := foldUntil(ctx, s, group.NewDecider(), group.Stream(gid), bound)
	if err != nil {
		return err
	}
	return ok200(c, map[string]any{"group": groupView(st), "version": last.Version, "position": last.Position.String()})
}

// foldUntil folds stream's records up to the bound; an empty result is
// not found.
func foldUntil[S, C any](ctx context.Context, s *Server, d domain.Decider[S, C], stream string, b asOfBound) (S, eventstore.Record, error) {
	st := d.Initial
	var last eventstore.Record
	recs, err := s.cfg.Store.ReadStream(ctx, stream, 0)
	if err != nil {
		return st, last, err
	}
	for _, rec := range recs {
		if !b.includes(rec) {
			break
		}
		ev, _, err := s.cfg.Codec.Decode(ctx, rec)
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

func personView(p person.State) map[string]any {
	return map[string]any{"id": p.ID, "exists": p.Exists, "erased": p.Erased, "email": p.Email, "name": p.Name,
		"image": p.Image, "emailVerified": p.EmailVerified, "role": p.Role, "fields": p.Fields, "banned": p.Banned,
		"createdAt": p.CreatedAt, "updatedAt": p.UpdatedAt}
}

func groupView(g group.State) map[string]any {
	members := []map[string]any{}
	for _, m := range g.Members() {
		members = append(members, map[string]any{"id": m.ID, "personId": m.PersonID, "role": m.Role, "joinedAt": m.JoinedAt})
	}
	invitations := []map[string]any{}
	for _, i := range g.Invitations() {
		invitations = append(invitations, map[string]any{"id": i.ID, "email": i.Email, "role": i.Role,
			"inviterId": i.InviterID, "expiresAt": i.ExpiresAt})
	}
	return map[string]any{"id": g.ID, "status": g.Status, "name": g.Name, "slug": g.Slug, "logo": g.Logo,
		"metadata": g.Metadata, "createdAt": g.CreatedAt, "updatedAt": g.UpdatedAt, "members": members, "invitations": invitations}
}
