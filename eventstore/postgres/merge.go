package postgres

import (
	"fmt"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5"
)

// appendManySQL appends the events of several jobs, one stream each and no
// stream twice, in one statement; see mergedAppend. A job whose expected
// version does not hold writes nothing and returns no row; the others
// still append. It relies on the group's advisory locks on every one of
// these streams: no other transaction changes their rows, so the versions
// read at the statement's start stay current, and a stream that has no
// row cannot get one meanwhile.
//
// The version check and the new version are one plain UPDATE of the
// streams that exist (an upsert would lock each row first, one more WAL
// record per stream) and one INSERT of the streams created under Any or
// NoStream; no stream is in both, since both read the statement's
// snapshot. The events then join the streams that passed.
//
// $1..$3 are the jobs' streams, event counts and expected versions (-1 Any,
// -2 StreamExists, else exact); $4 and $5 each event's stream and place in
// its job (1-based), $6..$12 the events' columns. It returns one row per
// appended event, in event order: (stream, tx_id, seq).
const appendManySQL = `WITH r AS (
		SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS r(stream, n, expected)),
	upd AS (
		UPDATE §streams AS s SET version = s.version + r.n FROM r
		WHERE s.stream = r.stream AND (r.expected IN (-1, -2) OR s.version = r.expected)
		RETURNING s.stream, s.version - r.n AS v),
	new AS (
		INSERT INTO §streams (stream, version)
		SELECT r.stream, r.n FROM r
		WHERE r.expected IN (-1, 0) AND NOT EXISTS (SELECT FROM §streams AS s WHERE s.stream = r.stream)
		RETURNING stream, 0::bigint AS v),
	ok AS (SELECT * FROM upd UNION ALL SELECT * FROM new)
	INSERT INTO §events (id, stream, version, type, schema, data, meta, key_ref, occurred_at)
	SELECT e.id, e.stream, ok.v + e.off, e.type, e.schema, e.data, e.meta, e.key_ref, e.occurred_at
	FROM unnest($4::text[], $5::bigint[], $6::text[], $7::text[], $8::int4[], $9::bytea[], $10::bytea[],
		$11::text[], $12::int8[]) WITH ORDINALITY AS e(stream, off, id, type, schema, data, meta, key_ref, occurred_at, ord)
	JOIN ok ON ok.stream = e.stream
	ORDER BY e.ord
	RETURNING stream, tx_id, seq`

// mergeFirst moves the jobs that can share one appendMany statement to the
// front of jobs, keeping their order, and returns how many there are: jobs
// of one request with events and no claims, each on a stream no earlier
// such job appends to. The order of a group's jobs is free: they are
// concurrent calls.
func mergeFirst(jobs []*job) int {
	streams := make(map[string]bool, len(jobs))
	var front, back []*job
	for _, j := range jobs {
		if len(j.steps) == 1 && j.steps[0].kind == stepEvents && !streams[j.steps[0].stream] {
			streams[j.steps[0].stream] = true
			front = append(front, j)
			continue
		}
		back = append(back, j)
	}
	copy(jobs, front)
	copy(jobs[len(front):], back)
	return len(front)
}

// mergedAppend is the appendMany statement of some jobs, column by column.
type mergedAppend struct {
	steps            []step
	streams          []string
	counts, expected []int64
	evStreams        []string // each event's stream
	offsets          []int64
	ev               eventArrays
}

// newMergedAppend collects the single events step of each job (see
// mergeFirst).
func newMergedAppend(jobs []*job) *mergedAppend {
	m := &mergedAppend{}
	for _, j := range jobs {
		st := j.steps[0]
		n := len(st.events.ids)
		m.steps = append(m.steps, st)
		m.streams = append(m.streams, st.stream)
		m.counts = append(m.counts, int64(n))
		m.expected = append(m.expected, int64(st.expected))
		for k := range n {
			m.evStreams = append(m.evStreams, st.stream)
			m.offsets = append(m.offsets, int64(k+1))
		}
		ev := st.events
		m.ev.ids = append(m.ev.ids, ev.ids...)
		m.ev.types = append(m.ev.types, ev.types...)
		m.ev.schemas = append(m.ev.schemas, ev.schemas...)
		m.ev.data = append(m.ev.data, ev.data...)
		m.ev.meta = append(m.ev.meta, ev.meta...)
		m.ev.keyRefs = append(m.ev.keyRefs, ev.keyRefs...)
		m.ev.occurred = append(m.ev.occurred, ev.occurred...)
	}
	return m
}

// args are the statement's parameters.
func (m *mergedAppend) args() []any {
	return []any{m.streams, m.counts, m.expected, m.evStreams, m.offsets,
		m.ev.ids, m.ev.types, m.ev.schemas, m.ev.data, m.ev.meta, m.ev.keyRefs, m.ev.occurred}
}

// read reads the appended events' rows into results: each job's last
// record, or ErrWrongExpectedVersion for a job that appended nothing.
func (m *mergedAppend) read(br pgx.BatchResults, results []result) error {
	rows, err := br.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	job := make(map[string]int, len(m.streams))
	for i, st := range m.streams {
		job[st] = i
	}
	written := make([]int64, len(m.steps))
	var stream string
	for rows.Next() {
		var pos eventstore.Position
		if err := rows.Scan(&stream, &pos.Hi, &pos.Lo); err != nil {
			return err
		}
		i, ok := job[stream]
		if !ok {
			return fmt.Errorf("postgres: append: merged statement returned stream %q of no job", stream)
		}
		written[i]++
		if results[i].pos.Less(pos) {
			results[i].pos = pos
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return m.check(written, results)
}

// check sets ErrWrongExpectedVersion for the jobs that wrote nothing and
// fails when a job wrote only some of its events.
func (m *mergedAppend) check(written []int64, results []result) error {
	for i, st := range m.steps {
		switch written[i] {
		case m.counts[i]:
			results[i].err = nil
		case 0:
			results[i] = result{err: fmt.Errorf("%w: stream %q is not at expected version %d",
				eventstore.ErrWrongExpectedVersion, st.stream, st.expected)}
		default:
			return fmt.Errorf("postgres: append: merged statement wrote %d of %d events of stream %q", written[i], m.counts[i], st.stream)
		}
	}
	return nil
}
