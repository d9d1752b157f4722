package postgres

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5"
)

// ts binds a time column: timestamptz keeps microseconds, so the
// nanoseconds are truncated here rather than left to the driver.
func ts(t time.Time) time.Time { return t.Truncate(time.Microsecond) }

// jsonArg binds a jsonb column: NULL when empty.
func jsonArg(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	return []byte(raw)
}

// rawJSON turns a scanned jsonb column back into a RawMessage (nil for NULL).
func rawJSON(b []byte) json.RawMessage {
	if b == nil {
		return nil
	}
	return json.RawMessage(b)
}

// storable reports whether PostgreSQL text can hold every s: valid UTF-8
// without NUL bytes.
func storable(ss ...string) bool {
	for _, s := range ss {
		if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
			return false
		}
	}
	return true
}

// checkText fails with ontology.ErrBadRow unless every string is storable.
func checkText(ss ...string) error {
	if !storable(ss...) {
		return fmt.Errorf("%w: text must be valid UTF-8 without NUL bytes", ontology.ErrBadRow)
	}
	return nil
}

// cleanRow validates a row with ontology.CheckRow, fails with
// ontology.ErrBadRow when a key cannot be stored, and returns it with the
// other text and JSON made storable (see cleanText and cleanJSON).
func cleanRow[T any](row T) (T, error) {
	if err := ontology.CheckRow(row); err != nil {
		return row, err
	}
	c := cleaner{}
	switch r := any(&row).(type) {
	case *ontology.Group:
		c.keys(r.ID)
		c.text(&r.Kind, &r.Name, &r.Slug)
		c.json(&r.Data)
	case *ontology.Person:
		c.keys(r.ID)
		c.text(&r.Name, &r.Email, &r.Image, &r.Role, &r.Status)
		c.json(&r.Fields)
	case *ontology.Thing:
		c.keys(r.ID)
		c.text(&r.Kind, &r.OwnerID, &r.Status)
		c.json(&r.Data)
	case *ontology.Connection:
		c.keys(r.ID)
		c.text(&r.FromKind, &r.FromID, &r.Relation, &r.ToKind, &r.ToID, &r.Role)
		c.json(&r.Data)
	case *ontology.Event:
		c.text(&r.Position, &r.Type, &r.Stream, &r.Actor, &r.Subject, &r.GroupID, &r.Outcome, &r.RequestID)
	case *ontology.Fact:
		c.keys(r.SubjectID, r.Key)
		c.json(&r.Value)
	}
	return row, c.err
}

// cleaner collects the first failure of cleanRow.
type cleaner struct{ err error }

func (c *cleaner) keys(ks ...string) {
	if c.err == nil {
		c.err = checkText(ks...)
	}
}

func (c *cleaner) text(ps ...*string) {
	for _, p := range ps {
		*p = cleanText(*p)
	}
}

func (c *cleaner) json(p *json.RawMessage) {
	if c.err == nil && len(*p) > 0 {
		*p, c.err = cleanJSON(*p)
	}
}

// notFound maps pgx.ErrNoRows to ontology.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ontology.ErrNotFound
	}
	return err
}

// utc converts scanned times (pgx returns them in time.Local) to UTC.
func utc(ts ...*time.Time) {
	for _, t := range ts {
		*t = t.UTC()
	}
}

func groupArgs(g ontology.Group) []any {
	return []any{g.ID, g.Kind, g.Name, g.Slug, jsonArg(g.Data), ts(g.CreatedAt), ts(g.UpdatedAt)}
}

func scanGroup(r pgx.Row) (ontology.Group, error) {
	var g ontology.Group
	var data []byte
	if err := r.Scan(&g.ID, &g.Kind, &g.Name, &g.Slug, &data, &g.CreatedAt, &g.UpdatedAt); err != nil {
		return g, err
	}
	g.Data = rawJSON(data)
	utc(&g.CreatedAt, &g.UpdatedAt)
	return g, nil
}

func personArgs(p ontology.Person) []any {
	var last any
	if p.LastSignInAt != nil {
		last = ts(*p.LastSignInAt)
	}
	return []any{p.ID, p.Name, p.Email, p.EmailVerified, p.Image, p.Role, p.Status, p.TwoFactorEnabled,
		jsonArg(p.Fields), ts(p.CreatedAt), ts(p.UpdatedAt), last}
}

func scanPerson(r pgx.Row) (ontology.Person, error) {
	var p ontology.Person
	var fields []byte
	err := r.Scan(&p.ID, &p.Name, &p.Email, &p.EmailVerified, &p.Image, &p.Role, &p.Status, &p.TwoFactorEnabled,
		&fields, &p.CreatedAt, &p.UpdatedAt, &p.LastSignInAt)
	if err != nil {
		return p, err
	}
	p.Fields = rawJSON(fields)
	utc(&p.CreatedAt, &p.UpdatedAt)
	if p.LastSignInAt != nil {
		utc(p.LastSignInAt)
	}
	return p, nil
}

func thingArgs(t ontology.Thing) []any {
	var exp any
	if t.ExpiresAt != nil {
		exp = ts(*t.ExpiresAt)
	}
	return []any{t.ID, t.Kind, t.OwnerID, t.Status, jsonArg(t.Data), ts(t.CreatedAt), ts(t.UpdatedAt), exp}
}

func scanThing(r pgx.Row) (ontology.Thing, error) {
	var t ontology.Thing
	var data []byte
	if err := r.Scan(&t.ID, &t.Kind, &t.OwnerID, &t.Status, &data, &t.CreatedAt, &t.UpdatedAt, &t.ExpiresAt); err != nil {
		return t, err
	}
	t.Data = rawJSON(data)
	utc(&t.CreatedAt, &t.UpdatedAt)
	if t.ExpiresAt != nil {
		utc(t.ExpiresAt)
	}
	return t, nil
}

func connectionArgs(c ontology.Connection) []any {
	return []any{c.ID, c.FromKind, c.FromID, c.Relation, c.ToKind, c.ToID, c.Role, jsonArg(c.Data),
		ts(c.CreatedAt), ts(c.UpdatedAt)}
}

func scanConnection(r pgx.Row) (ontology.Connection, error) {
	var c ontology.Connection
	var data []byte
	err := r.Scan(&c.ID, &c.FromKind, &c.FromID, &c.Relation, &c.ToKind, &c.ToID, &c.Role, &data, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return c, err
	}
	c.Data = rawJSON(data)
	utc(&c.CreatedAt, &c.UpdatedAt)
	return c, nil
}

func eventArgs(e ontology.Event) []any {
	return []any{e.Seq, e.Position, ts(e.OccurredAt), e.Type, e.Stream, e.Actor, e.Subject, e.GroupID,
		e.Outcome, e.RequestID}
}

func scanEvent(r pgx.Row) (ontology.Event, error) {
	var e ontology.Event
	err := r.Scan(&e.Seq, &e.Position, &e.OccurredAt, &e.Type, &e.Stream, &e.Actor, &e.Subject, &e.GroupID,
		&e.Outcome, &e.RequestID)
	utc(&e.OccurredAt)
	return e, err
}

func factArgs(f ontology.Fact) []any {
	return []any{f.SubjectID, f.Key, jsonArg(f.Value), ts(f.UpdatedAt)}
}

func scanFact(r pgx.Row) (ontology.Fact, error) {
	var f ontology.Fact
	var value []byte
	if err := r.Scan(&f.SubjectID, &f.Key, &value, &f.UpdatedAt); err != nil {
		return f, err
	}
	f.Value = rawJSON(value)
	utc(&f.UpdatedAt)
	return f, nil
}
