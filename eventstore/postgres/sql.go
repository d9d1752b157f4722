package postgres

import "strings"

// notifyChannel is the LISTEN/NOTIFY channel; the payload is the schema, so
// stores of other schemas in the same database ignore each other.
const notifyChannel = "authledger_events"

// recordColumns are the columns scanRecord reads, in order.
const recordColumns = "tx_id, seq, id, stream, version, type, schema, data, meta, key_ref, occurred_at, recorded_at"

// queries are the store's SQL statements with the schema filled in. The
// schema is a validated plain identifier (checkSchema), so it needs no
// quoting.
type queries struct {
	// appendAny appends to a stream under Any or NoStream ($3 = true lets an
	// existing stream grow, i.e. Any); appendAt under StreamExists ($3 = -2)
	// or an exact version ($3). Both return (count, tx_id, last seq), or
	// fail with SQLSTATE ALWEV when the version check fails. Failing
	// statements abort the append's transaction, so no COMMIT decision is
	// left to the client.
	appendAny, appendAt string
	// appendMany appends for several jobs of a group; see appendManySQL.
	appendMany string
	// lockStreams takes the transaction-scoped advisory locks $1 of
	// streams, in the array's order (see streamLockKeys).
	lockStreams string
	// version checks the expected version of a request without events
	// ($2: -2 StreamExists, else exact, 0 = NoStream) and share-locks the
	// stream's row; ALWEV when it fails.
	version                  string
	takeClaims, releaseClaim string
	// putKeys stores new data keys ($1 subjects, $2 wrapped keys) for
	// AppendKeyed: a subject that already holds the very same key is left
	// as it is, one that holds another fails with SQLSTATE ALKEY.
	putKeys         string
	rawHead, notify string

	readStream, horizon, readAll, visible, claim string
	putKey, getKey, destroyKey                   string
}

func newQueries(schema string) queries {
	r := strings.NewReplacer("§", schema+".")
	q := queries{
		appendAny: `WITH s AS (
			INSERT INTO §streams AS st (stream, version) VALUES ($1, $2)
			ON CONFLICT (stream) DO UPDATE SET version = st.version + excluded.version WHERE $3::boolean
			RETURNING st.version)` + insertEvents,
		appendAt: `WITH s AS (
			UPDATE §streams SET version = version + $2
			WHERE stream = $1 AND ($3::bigint = -2 OR version = $3::bigint)
			RETURNING version)` + insertEvents,
		appendMany:  appendManySQL,
		lockStreams: `SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) WITH ORDINALITY AS t(k, i) ORDER BY i`,
		version: `SELECT CASE WHEN ($2::bigint = -2 AND v > 0) OR v = $2::bigint THEN v ELSE §append_conflict('ALWEV') END
			FROM (SELECT coalesce((SELECT version FROM §streams WHERE stream = $1 FOR SHARE), 0)) AS t(v)`,
		// ON CONFLICT … DO UPDATE … WHERE returns the row when inserted or
		// already owned by the same stream, and nothing when another stream
		// owns it (then ALCLM); it waits for a concurrent taker to finish
		// first.
		takeClaims: `WITH t AS (
			INSERT INTO §claims AS c (kind, key, owner)
			SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
			ON CONFLICT (kind, key) DO UPDATE SET owner = c.owner WHERE c.owner = excluded.owner
			RETURNING 1)
			SELECT CASE WHEN count(*) = cardinality($1::text[]) THEN count(*) ELSE §append_conflict('ALCLM') END FROM t`,
		// As takeClaims: the row comes back when inserted or when it holds
		// the same key already, and not when it holds another.
		putKeys: `WITH k AS (
			INSERT INTO §keystore AS ks (subject, wrapped)
			SELECT * FROM unnest($1::text[], $2::bytea[])
			ON CONFLICT (subject) DO UPDATE SET wrapped = ks.wrapped WHERE ks.wrapped = excluded.wrapped
			RETURNING 1)
			SELECT CASE WHEN count(*) = cardinality($1::text[]) THEN count(*) ELSE §append_conflict('ALKEY') END FROM k`,
		releaseClaim: `DELETE FROM §claims c USING unnest($1::text[], $2::text[], $3::text[]) AS r(kind, key, owner)
			WHERE c.kind = r.kind AND c.key = r.key AND c.owner = r.owner`,
		rawHead: `SELECT coalesce((SELECT tx_id FROM §events ORDER BY tx_id DESC, seq DESC LIMIT 1), '0'::xid8),
			coalesce((SELECT seq FROM §events ORDER BY tx_id DESC, seq DESC LIMIT 1), 0)`,
		// A notification carries no data: its commit need not wait for the
		// WAL flush.
		notify: `SELECT set_config('synchronous_commit', 'off', true), pg_notify('` + notifyChannel + `', $1)`,

		readStream: `SELECT ` + recordColumns + ` FROM §events WHERE stream = $1 AND version >= $2 ORDER BY version`,
		// $1 is the horizon from horizonSQL, read by an earlier statement.
		// One row at least: the page's records (NULL columns when the page
		// is empty) and whether committed records wait beyond the horizon,
		// asked of the newest record (one step down the primary key's
		// index): an EXISTS over tx_id >= horizon is planned as a
		// sequential scan while the table has no statistics (a restored or
		// freshly filled log), a scan of the whole log per page.
		readAll: `WITH page AS (
				SELECT ` + recordColumns + ` FROM §events
				WHERE (tx_id, seq) > ($2::xid8, $3::bigint) AND tx_id < $1::xid8
				ORDER BY tx_id, seq LIMIT $4)
			SELECT p.*, coalesce((SELECT tx_id FROM §events ORDER BY tx_id DESC, seq DESC LIMIT 1) >= $1::xid8, false)
			FROM (SELECT) AS one LEFT JOIN page AS p ON true
			ORDER BY p.tx_id, p.seq`,
		// The count of records beyond the horizon runs only when the newest
		// record is beyond it (rare and brief): without statistics it is
		// planned as a scan of the whole log.
		visible: `WITH v AS (SELECT tx_id, seq FROM §events WHERE tx_id < $1::xid8 ORDER BY tx_id DESC, seq DESC LIMIT 1),
			c AS (SELECT tx_id, seq FROM §events ORDER BY tx_id DESC, seq DESC LIMIT 1)
			SELECT coalesce((SELECT tx_id FROM v), '0'::xid8), coalesce((SELECT seq FROM v), 0),
				coalesce((SELECT tx_id FROM c), '0'::xid8), coalesce((SELECT seq FROM c), 0),
				CASE WHEN (SELECT tx_id FROM c) >= $1::xid8 THEN (SELECT count(*) FROM §events WHERE tx_id >= $1::xid8) ELSE 0 END`,
		horizon: horizonSQL,
		claim:   `SELECT owner FROM §claims WHERE kind = $1 AND key = $2`,
		// A conflicting insert that committed after this statement's
		// snapshot shows in neither branch; PutKey then runs it again.
		putKey: `WITH ins AS (
			INSERT INTO §keystore (subject, wrapped) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING
			RETURNING wrapped)
			SELECT wrapped FROM ins UNION ALL SELECT wrapped FROM §keystore WHERE subject = $1`,
		getKey:     `SELECT wrapped FROM §keystore WHERE subject = $1`,
		destroyKey: `DELETE FROM §keystore WHERE subject = $1`,
	}
	for _, p := range []*string{&q.appendAny, &q.appendAt, &q.appendMany, &q.version, &q.takeClaims, &q.putKeys, &q.releaseClaim, &q.rawHead,
		&q.readStream, &q.readAll, &q.visible, &q.claim, &q.putKey, &q.getKey, &q.destroyKey} {
		*p = r.Replace(*p)
	}
	return q
}

// insertEvents follows a CTE s that returned the stream's new version (or
// nothing): it numbers the events $2 below it, in order, so seq and version
// grow together. Arrays $4..$10 hold the events' columns.
const insertEvents = `,
	ins AS (
		INSERT INTO §events (id, stream, version, type, schema, data, meta, key_ref, occurred_at)
		SELECT e.id, $1, s.version - $2 + e.ord, e.type, e.schema, e.data, e.meta, e.key_ref, e.occurred_at
		FROM s, unnest($4::text[], $5::text[], $6::int4[], $7::bytea[], $8::bytea[], $9::text[], $10::int8[])
			WITH ORDINALITY AS e(id, type, schema, data, meta, key_ref, occurred_at, ord)
		ORDER BY e.ord
		RETURNING tx_id, seq)
	SELECT CASE WHEN count(*) > 0 THEN count(*) ELSE §append_conflict('ALWEV') END,
		coalesce((SELECT tx_id FROM ins LIMIT 1), '0'::xid8), coalesce(max(seq), 0) FROM ins`
