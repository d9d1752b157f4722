package postgres

import (
	"fmt"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5"
)

// appendManySQL appends the events of several jobs, one stream each and no
// stream twice, in one statement; see mergedAppend. A job whose expected
// version does not hold writes nothing and returns ok = false; the others
// still append. It relies on the group's advisory locks on every one of
// these streams: no other transaction changes their rows, so the versions
// read at the statement's start stay current.
//
// $1..$3 are the jobs' streams, event counts and expected versions (-1 Any,
// -2 StreamExists, else exact); $4 and $5 each event's job (1-based) and
// place in its job (1-based), $6..$12 the events' columns. It returns one
// row per job: (job, ok, tx_id, last seq).
const appendManySQL = `WITH r AS (
		SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS r(stream, n, expected, job)),
	c AS (
		SELECT r.*, coalesce((SELECT s.version FROM §streams s WHERE s.stream = r.stream), 0) AS v FROM r),
	ok AS (
		SELECT * FROM c WHERE expected = -1 OR (expected = -2 AND v > 0) OR v = expected),
	st AS (
		INSERT INTO §streams AS st (stream, version) SELECT stream, v + n FROM ok
		ON CONFLICT (stream) DO UPDATE SET version = excluded.version),
	ins AS (
		INSERT INTO §events (id, stream, version, type, schema, data, meta, key_ref, occurred_at)
		SELECT e.id, ok.stream, ok.v + e.off, e.type, e.schema, e.data, e.meta, e.key_ref, e.occurred_at
		FROM unnest($4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::int4[], $9::bytea[], $10::bytea[],
			$11::text[], $12::int8[]) WITH ORDINALITY AS e(job, off, id, type, schema, data, meta, key_ref, occurred_at, ord)
		JOIN ok ON ok.job = e.job
		ORDER BY e.ord
		RETURNING stream, tx_id, seq),
	last AS (SELECT stream, tx_id, max(seq) AS seq FROM ins GROUP BY stream, tx_id)
	SELECT c.job, ok.job IS NOT NULL, coalesce(last.tx_id, '0'::xid8), coalesce(last.seq, 0)
	FROM c LEFT JOIN ok ON ok.job = c.job LEFT JOIN last ON last.stream = c.stream
	ORDER BY c.job`

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
	jobs, offsets    []int64
	ev               eventArrays
}

// newMergedAppend collects the single events step of each job (see
// mergeFirst).
func newMergedAppend(jobs []*job) *mergedAppend {
	m := &mergedAppend{}
	for i, j := range jobs {
		st := j.steps[0]
		n := len(st.events.ids)
		m.steps = append(m.steps, st)
		m.streams = append(m.streams, st.stream)
		m.counts = append(m.counts, int64(n))
		m.expected = append(m.expected, int64(st.expected))
		for k := range n {
			m.jobs = append(m.jobs, int64(i+1))
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
	return []any{m.streams, m.counts, m.expected, m.jobs, m.offsets,
		m.ev.ids, m.ev.types, m.ev.schemas, m.ev.data, m.ev.meta, m.ev.keyRefs, m.ev.occurred}
}

// read reads one row per job into results: the position of its last
// record, or ErrWrongExpectedVersion.
func (m *mergedAppend) read(br pgx.BatchResults, results []result) error {
	rows, err := br.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var job int64
		var ok bool
		var pos eventstore.Position
		if err := rows.Scan(&job, &ok, &pos.Hi, &pos.Lo); err != nil {
			return err
		}
		if job < 1 || job > int64(len(m.steps)) {
			return fmt.Errorf("postgres: append: merged statement returned job %d of %d", job, len(m.steps))
		}
		st := m.steps[job-1]
		results[job-1] = result{pos: pos}
		if !ok {
			results[job-1].err = fmt.Errorf("%w: stream %q is not at expected version %d",
				eventstore.ErrWrongExpectedVersion, st.stream, st.expected)
		}
		seen++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if seen != len(m.steps) {
		return fmt.Errorf("postgres: append: merged statement returned %d rows for %d jobs", seen, len(m.steps))
	}
	return nil
}
