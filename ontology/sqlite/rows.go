package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/authledger/authledger/ontology"
)

// scanner is *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// ts renders a time column.
func ts(t time.Time) string { return ontology.FormatTime(t) }

// jsonArg binds a JSON column: NULL when empty.
func jsonArg(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	return string(raw)
}

// seqArg binds events.seq: NULL (numbered by SQLite) when 0.
func seqArg(seq int64) any {
	if seq == 0 {
		return nil
	}
	return seq
}

// timeCol collects time columns read as text and parses them after Scan.
type timeCol struct {
	dst  *time.Time
	text string
}

// parseTimes parses every scanned time column into its destination.
func parseTimes(cols ...*timeCol) error {
	for _, c := range cols {
		t, err := ontology.ParseTime(c.text)
		if err != nil {
			return fmt.Errorf("sqlite: %w", err)
		}
		*c.dst = t
	}
	return nil
}

// rawJSON turns a nullable JSON column back into a RawMessage.
func rawJSON(s sql.NullString) json.RawMessage {
	if !s.Valid {
		return nil
	}
	return json.RawMessage(s.String)
}

// notFound maps sql.ErrNoRows to ontology.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ontology.ErrNotFound
	}
	return err
}

func groupArgs(g ontology.Group) []any {
	return []any{g.ID, g.Kind, g.Name, g.Slug, jsonArg(g.Data), ts(g.CreatedAt), ts(g.UpdatedAt)}
}

func scanGroup(sc scanner) (ontology.Group, error) {
	var g ontology.Group
	var data sql.NullString
	c, u := timeCol{dst: &g.CreatedAt}, timeCol{dst: &g.UpdatedAt}
	if err := sc.Scan(&g.ID, &g.Kind, &g.Name, &g.Slug, &data, &c.text, &u.text); err != nil {
		return g, notFound(err)
	}
	g.Data = rawJSON(data)
	return g, parseTimes(&c, &u)
}

func personArgs(p ontology.Person) []any {
	var last any
	if p.LastSignInAt != nil {
		last = ts(*p.LastSignInAt)
	}
	return []any{p.ID, p.Name, p.Email, p.EmailVerified, p.Image, p.Role, p.Status, p.TwoFactorEnabled,
		jsonArg(p.Fields), ts(p.CreatedAt), ts(p.UpdatedAt), last}
}

func scanPerson(sc scanner) (ontology.Person, error) {
	var p ontology.Person
	var fields, last sql.NullString
	c, u := timeCol{dst: &p.CreatedAt}, timeCol{dst: &p.UpdatedAt}
	err := sc.Scan(&p.ID, &p.Name, &p.Email, &p.EmailVerified, &p.Image, &p.Role, &p.Status, &p.TwoFactorEnabled,
		&fields, &c.text, &u.text, &last)
	if err != nil {
		return p, notFound(err)
	}
	p.Fields = rawJSON(fields)
	if last.Valid {
		p.LastSignInAt = new(time.Time)
		if err := parseTimes(&timeCol{dst: p.LastSignInAt, text: last.String}); err != nil {
			return p, err
		}
	}
	return p, parseTimes(&c, &u)
}

func thingArgs(t ontology.Thing) []any {
	var exp any
	if t.ExpiresAt != nil {
		exp = ts(*t.ExpiresAt)
	}
	return []any{t.ID, t.Kind, t.OwnerID, t.Status, jsonArg(t.Data), ts(t.CreatedAt), ts(t.UpdatedAt), exp}
}

func scanThing(sc scanner) (ontology.Thing, error) {
	var t ontology.Thing
	var data, exp sql.NullString
	c, u := timeCol{dst: &t.CreatedAt}, timeCol{dst: &t.UpdatedAt}
	if err := sc.Scan(&t.ID, &t.Kind, &t.OwnerID, &t.Status, &data, &c.text, &u.text, &exp); err != nil {
		return t, notFound(err)
	}
	t.Data = rawJSON(data)
	if exp.Valid {
		t.ExpiresAt = new(time.Time)
		if err := parseTimes(&timeCol{dst: t.ExpiresAt, text: exp.String}); err != nil {
			return t, err
		}
	}
	return t, parseTimes(&c, &u)
}

func connectionArgs(c ontology.Connection) []any {
	return []any{c.ID, c.FromKind, c.FromID, c.Relation, c.ToKind, c.ToID, c.Role, jsonArg(c.Data),
		ts(c.CreatedAt), ts(c.UpdatedAt)}
}

func scanConnection(sc scanner) (ontology.Connection, error) {
	var c ontology.Connection
	var data sql.NullString
	cr, u := timeCol{dst: &c.CreatedAt}, timeCol{dst: &c.UpdatedAt}
	err := sc.Scan(&c.ID, &c.FromKind, &c.FromID, &c.Relation, &c.ToKind, &c.ToID, &c.Role, &data, &cr.text, &u.text)
	if err != nil {
		return c, notFound(err)
	}
	c.Data = rawJSON(data)
	return c, parseTimes(&cr, &u)
}

func eventArgs(e ontology.Event) []any {
	return []any{seqArg(e.Seq), e.Position, ts(e.OccurredAt), e.Type, e.Stream, e.Actor, e.Subject, e.GroupID,
		e.Outcome, e.RequestID}
}

func scanEvent(sc scanner) (ontology.Event, error) {
	var e ontology.Event
	o := timeCol{dst: &e.OccurredAt}
	err := sc.Scan(&e.Seq, &e.Position, &o.text, &e.Type, &e.Stream, &e.Actor, &e.Subject, &e.GroupID,
		&e.Outcome, &e.RequestID)
	if err != nil {
		return e, notFound(err)
	}
	return e, parseTimes(&o)
}

func factArgs(f ontology.Fact) []any {
	return []any{f.SubjectID, f.Key, jsonArg(f.Value), ts(f.UpdatedAt)}
}

func scanFact(sc scanner) (ontology.Fact, error) {
	var f ontology.Fact
	var value sql.NullString
	u := timeCol{dst: &f.UpdatedAt}
	if err := sc.Scan(&f.SubjectID, &f.Key, &value, &u.text); err != nil {
		return f, notFound(err)
	}
	f.Value = rawJSON(value)
	return f, parseTimes(&u)
}
