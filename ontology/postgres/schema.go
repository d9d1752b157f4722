package postgres

import (
	"strconv"
	"strings"

	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5"
)

// shadowSuffix names the schema Stage builds and Promote renames into place.
const shadowSuffix = "__next"

// tableNames lists every table of a store schema, dimension tables first.
var tableNames = []string{"groups", "people", "things", "connections", "events", "knowledge", "checkpoints", "schema_migrations"}

// loadingIndexes are the only secondary indexes a shadow schema keeps while
// it is loaded (DeleteSubject needs them); Stage drops the others and
// Promote builds them, which is faster than maintaining every index row by
// row during a rebuild.
var loadingIndexes = []string{"things_by_owner_id", "connections_by_from_id", "connections_by_to_id"}

// spec describes one dimension's table: its columns in select/insert order,
// its primary key and its sort key.
type spec struct {
	dim   ontology.Dimension
	table string
	cols  []string
	key   []string
	order []string
	types []string // the column types, for bulkUpsertSQL
}

// The six dimension tables.
var (
	groupsSpec = spec{ontology.Groups, "groups",
		[]string{"id", "kind", "name", "slug", "data", "created_at", "updated_at"},
		[]string{"id"}, []string{"created_at", "id"}, []string{"text", "text", "text", "text", "jsonb", "timestamptz", "timestamptz"}}
	peopleSpec = spec{ontology.People, "people",
		[]string{"id", "name", "email", "email_verified", "image", "role", "status", "two_factor_enabled", "fields", "created_at", "updated_at",
			"last_sign_in_at"},
		[]string{"id"}, []string{"created_at", "id"},
		[]string{"text", "text", "text", "bool", "text", "text", "text", "bool", "jsonb", "timestamptz", "timestamptz", "timestamptz"}}
	thingsSpec = spec{ontology.Things, "things",
		[]string{"id", "kind", "owner_id", "status", "data", "created_at", "updated_at", "expires_at"},
		[]string{"id"}, []string{"created_at", "id"}, []string{"text", "text", "text", "text", "jsonb", "timestamptz", "timestamptz", "timestamptz"}}
	connectionsSpec = spec{ontology.Connections, "connections",
		[]string{"id", "from_kind", "from_id", "relation", "to_kind", "to_id", "role", "data", "created_at", "updated_at"},
		[]string{"id"}, []string{"created_at", "id"},
		[]string{"text", "text", "text", "text", "text", "text", "text", "jsonb", "timestamptz", "timestamptz"}}
	eventsSpec = spec{ontology.Events, "events",
		[]string{"seq", "position", "occurred_at", "type", "stream", "actor", "subject", "group_id", "outcome", "request_id"},
		[]string{"seq"}, []string{"seq"}, nil}
	knowledgeSpec = spec{ontology.Knowledge, "knowledge",
		[]string{"subject_id", "key", "value", "updated_at"},
		[]string{"subject_id", "key"}, []string{"subject_id", "key"}, []string{"text", "text", "jsonb", "timestamptz"}}
)

// specs lists the dimension tables.
func specs() []spec {
	return []spec{groupsSpec, peopleSpec, thingsSpec, connectionsSpec, eventsSpec, knowledgeSpec}
}

// quote returns a schema-qualified, quoted table name.
func quote(schema, table string) string {
	return pgx.Identifier{schema, table}.Sanitize()
}

// params returns "$from, $from+1, …" with n parameters.
func params(from, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = "$" + strconv.Itoa(from+i)
	}
	return strings.Join(parts, ", ")
}

// keyWhere returns "a = $1 AND b = $2" over cols.
func keyWhere(cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c + " = $" + strconv.Itoa(i+1)
	}
	return strings.Join(parts, " AND ")
}

// insertSQL inserts a row of s.
func (s spec) insertSQL(schema string) string {
	return "INSERT INTO " + quote(schema, s.table) + " (" + strings.Join(s.cols, ", ") + ") VALUES (" + params(1, len(s.cols)) + ")"
}

// upsertSQL inserts a row or updates every non-key column of the existing one.
func (s spec) upsertSQL(schema string) string {
	return s.insertSQL(schema) + s.onConflict()
}

// onConflict is the clause of an upsert: update every non-key column.
func (s spec) onConflict() string {
	var set []string
	for _, c := range s.cols[len(s.key):] { // key columns come first
		set = append(set, c+" = excluded."+c)
	}
	return " ON CONFLICT (" + strings.Join(s.key, ", ") + ") DO UPDATE SET " + strings.Join(set, ", ")
}

// bulkUpsertSQL upserts many rows of s in one statement: parameter i is
// the array of column i's values (text for jsonb columns), and the keys
// must be distinct (an upsert may not touch a row twice).
func (s spec) bulkUpsertSQL(schema string) string {
	arrays, sel := make([]string, len(s.cols)), make([]string, len(s.cols))
	for i, c := range s.cols {
		arrays[i], sel[i] = "$"+strconv.Itoa(i+1)+"::"+s.types[i]+"[]", c
		if s.types[i] == "jsonb" {
			arrays[i], sel[i] = "$"+strconv.Itoa(i+1)+"::text[]", c+"::jsonb"
		}
	}
	return "INSERT INTO " + quote(schema, s.table) + " (" + strings.Join(s.cols, ", ") + ") SELECT " + strings.Join(sel, ", ") +
		" FROM unnest(" + strings.Join(arrays, ", ") + ") AS u(" + strings.Join(s.cols, ", ") + ")" + s.onConflict()
}

// selectSQL selects every column of s.
func (s spec) selectSQL(schema string) string {
	return "SELECT " + strings.Join(s.cols, ", ") + " FROM " + quote(schema, s.table)
}

// getSQL selects one row by primary key.
func (s spec) getSQL(schema string) string {
	return s.selectSQL(schema) + " WHERE " + keyWhere(s.key)
}

// deleteSQL deletes one row by primary key.
func (s spec) deleteSQL(schema string) string {
	return "DELETE FROM " + quote(schema, s.table) + " WHERE " + keyWhere(s.key)
}

// queries holds every statement for one schema (live or shadow), built once.
type queries struct {
	schema          string
	upsert          map[ontology.Dimension]string
	bulkUpsert      map[ontology.Dimension]string
	get             map[ontology.Dimension]string
	del             map[ontology.Dimension]string
	insertEvent     string
	maxSeq          string
	deleteSubject   []string
	checkpoint      string
	checkpoints     string // several projectors' positions, as two arrays
	checkpointNames string
	setCheckpoint   string
}

// newQueries builds the statements for the tables in schema.
func newQueries(schema string) *queries {
	cp := quote(schema, "checkpoints")
	q := &queries{
		schema:      schema,
		upsert:      map[ontology.Dimension]string{},
		bulkUpsert:  map[ontology.Dimension]string{},
		get:         map[ontology.Dimension]string{},
		del:         map[ontology.Dimension]string{},
		insertEvent: eventsSpec.insertSQL(schema),
		maxSeq:      "SELECT coalesce(max(seq), 0) FROM " + quote(schema, "events"),
		checkpoint:  "SELECT position FROM " + cp + " WHERE projector = $1",
		checkpoints: "SELECT coalesce(array_agg(projector), '{}'), coalesce(array_agg(position), '{}') FROM " + cp +
			" WHERE projector = ANY($1::text[])",
		checkpointNames: "SELECT projector FROM " + cp + " WHERE starts_with(projector, $1)" +
			` ORDER BY projector COLLATE "C"`,
		setCheckpoint: "INSERT INTO " + cp + " (projector, position, updated_at) VALUES ($1, $2, $3)" +
			" ON CONFLICT (projector) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at",
	}
	for _, s := range specs() {
		q.upsert[s.dim], q.get[s.dim], q.del[s.dim] = s.upsertSQL(schema), s.getSQL(schema), s.deleteSQL(schema)
		if s.types != nil {
			q.bulkUpsert[s.dim] = s.bulkUpsertSQL(schema)
		}
	}
	for _, d := range []string{"people WHERE id", "things WHERE owner_id", "connections WHERE from_id",
		"connections WHERE to_id", "knowledge WHERE subject_id"} {
		table, where, _ := strings.Cut(d, " ")
		q.deleteSubject = append(q.deleteSubject, "DELETE FROM "+quote(schema, table)+" "+where+" = $1")
	}
	return q
}
