package sqlite

import (
	"strings"

	"github.com/authledger/authledger/ontology"
)

// shadow is the suffix of the tables Stage builds and Promote renames.
const shadow = "__next"

// tableNames lists every table Stage shadows, in the order Promote swaps them.
var tableNames = []string{"groups", "people", "things", "connections", "events", "knowledge", "checkpoints"}

// shadowIndexes are the only secondary indexes a shadow table carries while
// it is loaded (DeleteSubject needs them); Promote drops them and recreates
// the live table's full index set, which is faster than maintaining every
// index row by row during a rebuild.
var shadowIndexes = []string{
	"CREATE INDEX things__next_owner ON things__next (owner_id)",
	"CREATE INDEX connections__next_from ON connections__next (from_id)",
	"CREATE INDEX connections__next_to ON connections__next (to_id)",
}

// shadowIndexNames are the names in shadowIndexes.
var shadowIndexNames = []string{"things__next_owner", "connections__next_from", "connections__next_to"}

// spec describes one dimension's table: its columns in select/insert order,
// its primary key and its sort key.
type spec struct {
	dim   ontology.Dimension
	table string
	cols  []string
	key   []string
	order []string
}

// The six dimension tables.
var (
	groupsSpec = spec{ontology.Groups, "groups",
		[]string{"id", "kind", "name", "slug", "data", "created_at", "updated_at"},
		[]string{"id"}, []string{"created_at", "id"}}
	peopleSpec = spec{ontology.People, "people",
		[]string{"id", "name", "email", "email_verified", "image", "role", "status", "two_factor_enabled", "fields", "created_at", "updated_at",
			"last_sign_in_at"},
		[]string{"id"}, []string{"created_at", "id"}}
	thingsSpec = spec{ontology.Things, "things",
		[]string{"id", "kind", "owner_id", "status", "data", "created_at", "updated_at", "expires_at"},
		[]string{"id"}, []string{"created_at", "id"}}
	connectionsSpec = spec{ontology.Connections, "connections",
		[]string{"id", "from_kind", "from_id", "relation", "to_kind", "to_id", "role", "data", "created_at", "updated_at"},
		[]string{"id"}, []string{"created_at", "id"}}
	eventsSpec = spec{ontology.Events, "events",
		[]string{"seq", "position", "occurred_at", "type", "stream", "actor", "subject", "group_id", "outcome", "request_id"},
		[]string{"seq"}, []string{"seq"}}
	knowledgeSpec = spec{ontology.Knowledge, "knowledge",
		[]string{"subject_id", "key", "value", "updated_at"},
		[]string{"subject_id", "key"}, []string{"subject_id", "key"}}
)

// placeholders returns "?, ?, …" with n marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// keyWhere returns "a = ? AND b = ?" over cols.
func keyWhere(cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c + " = ?"
	}
	return strings.Join(parts, " AND ")
}

// upsertSQL inserts rows or updates every non-key column of an existing
// one; an events row with an explicit seq replaces that row.
func (s spec) upsertSQL(suffix string) *rowsSQL {
	head := "INSERT INTO " + s.table + suffix + " (" + strings.Join(s.cols, ", ") + ") VALUES "
	if s.dim == ontology.Events {
		return newRowsSQL("INSERT OR REPLACE"+strings.TrimPrefix(head, "INSERT"), len(s.cols), "")
	}
	var b strings.Builder
	b.WriteString(" ON CONFLICT (" + strings.Join(s.key, ", ") + ") DO UPDATE SET ")
	first := true
	for _, c := range s.cols {
		if strings.Contains(" "+strings.Join(s.key, " ")+" ", " "+c+" ") {
			continue
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		b.WriteString(c + " = excluded." + c)
	}
	return newRowsSQL(head, len(s.cols), b.String())
}

// appendSQL inserts events without seq, which SQLite numbers max(seq)+1 in
// row order (seq is the rowid); a plain INSERT needs no statement journal.
func (s spec) appendSQL(suffix string) *rowsSQL {
	return newRowsSQL("INSERT INTO "+s.table+suffix+" ("+strings.Join(s.cols[1:], ", ")+") VALUES ", len(s.cols)-1, "")
}

// getSQL selects one row by primary key.
func (s spec) getSQL(suffix string) string {
	return "SELECT " + strings.Join(s.cols, ", ") + " FROM " + s.table + suffix + " WHERE " + keyWhere(s.key)
}

// deleteSQL deletes one row by primary key.
func (s spec) deleteSQL(suffix string) string {
	return "DELETE FROM " + s.table + suffix + " WHERE " + keyWhere(s.key)
}

// queries holds every write-path statement for one table set (live or
// shadow), built once so that per-row calls only look up prepared statements.
type queries struct {
	suffix        string
	upsert        map[ontology.Dimension]*rowsSQL
	get           map[ontology.Dimension]string
	del           map[ontology.Dimension]string
	appendEvent   *rowsSQL
	deleteSubject []string
	checkpoint    string
	setCheckpoint string
}

// newQueries builds the statements for the tables with suffix.
func newQueries(suffix string) *queries {
	q := &queries{
		suffix:      suffix,
		upsert:      map[ontology.Dimension]*rowsSQL{},
		get:         map[ontology.Dimension]string{},
		del:         map[ontology.Dimension]string{},
		appendEvent: eventsSpec.appendSQL(suffix),
		checkpoint:  "SELECT position FROM checkpoints" + suffix + " WHERE projector = ?",
		setCheckpoint: "INSERT INTO checkpoints" + suffix + " (projector, position, updated_at) VALUES (?, ?, ?)" +
			" ON CONFLICT (projector) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at",
	}
	for _, s := range []spec{groupsSpec, peopleSpec, thingsSpec, connectionsSpec, eventsSpec, knowledgeSpec} {
		q.upsert[s.dim], q.get[s.dim], q.del[s.dim] = s.upsertSQL(suffix), s.getSQL(suffix), s.deleteSQL(suffix)
	}
	for _, d := range []string{"people WHERE id", "things WHERE owner_id", "connections WHERE from_id",
		"connections WHERE to_id", "knowledge WHERE subject_id"} {
		table, where, _ := strings.Cut(d, " ")
		q.deleteSubject = append(q.deleteSubject, "DELETE FROM "+table+suffix+" "+where+" = ?")
	}
	return q
}
