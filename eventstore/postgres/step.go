package postgres

import (
	"fmt"
	"math"
	"strings"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5"
)

// stepKind is what one statement of an append batch does.
type stepKind int

const (
	stepEvents  stepKind = iota // check the version and insert the events
	stepCheck                   // check the version of a request without events
	stepRelease                 // release claims owned by their Owner
	stepTake                    // take claims
	stepKeys                    // store new data keys (AppendKeyed)
)

// eventArrays are one request's events, column by column, for unnest.
type eventArrays struct {
	ids, types, keyRefs []string
	schemas             []int32
	data, meta          [][]byte
	occurred            []*int64 // unix nanoseconds; nil for the zero time
}

// claimArrayset holds claims column by column, for unnest.
type claimArrayset struct{ kinds, keys, owners []string }

// claimArrays splits claims into columns.
func claimArrays(cs []eventstore.Claim) claimArrayset {
	a := claimArrayset{make([]string, len(cs)), make([]string, len(cs)), make([]string, len(cs))}
	for i, c := range cs {
		a.kinds[i], a.keys[i], a.owners[i] = c.Kind, c.Key, c.Owner
	}
	return a
}

// step is one statement of an append batch.
type step struct {
	kind     stepKind
	stream   string
	expected eventstore.ExpectedVersion
	events   eventArrays
	claims   claimArrayset
	keys     keyArrays
}

// keyArrays are new data keys, column by column, for unnest.
type keyArrays struct {
	subjects []string
	wrapped  [][]byte
}

// queue adds the step's statement to the batch.
func (st step) queue(b *pgx.Batch, q queries) {
	switch st.kind {
	case stepEvents:
		n := int64(len(st.events.ids))
		ev := st.events
		cols := []any{ev.ids, ev.types, ev.schemas, ev.data, ev.meta, ev.keyRefs, ev.occurred}
		switch st.expected {
		case eventstore.Any, eventstore.NoStream:
			b.Queue(q.appendAny, append([]any{st.stream, n, st.expected == eventstore.Any}, cols...)...)
		default:
			b.Queue(q.appendAt, append([]any{st.stream, n, int64(st.expected)}, cols...)...)
		}
	case stepCheck:
		b.Queue(q.version, st.stream)
	case stepRelease:
		b.Queue(q.releaseClaim, st.claims.kinds, st.claims.keys, st.claims.owners)
	case stepTake:
		b.Queue(q.takeClaims, st.claims.kinds, st.claims.keys, st.claims.owners)
	case stepKeys:
		b.Queue(q.putKeys, st.keys.subjects, st.keys.wrapped)
	}
}

// read reads the step's result; the SQLSTATEs of a failed check become
// ErrWrongExpectedVersion or ErrClaimTaken. It returns the position of the
// last record an events step wrote.
func (st step) read(br pgx.BatchResults) (eventstore.Position, error) {
	var pos eventstore.Position
	var err error
	switch st.kind {
	case stepEvents:
		var n int64
		err = br.QueryRow().Scan(&n, &pos.Hi, &pos.Lo)
	case stepCheck, stepTake, stepKeys:
		var n int64
		err = br.QueryRow().Scan(&n)
	case stepRelease:
		_, err = br.Exec()
	}
	switch sqlState(err) {
	case "ALWEV":
		return pos, fmt.Errorf("%w: stream %q is not at expected version %d", eventstore.ErrWrongExpectedVersion, st.stream, st.expected)
	case "ALCLM":
		return pos, fmt.Errorf("%w: a claim of stream %q is owned by another stream", eventstore.ErrClaimTaken, st.claims.owners[0])
	case "ALKEY":
		return pos, fmt.Errorf("%w: %s", eventstore.ErrKeyExists, strings.Join(st.keys.subjects, ", "))
	}
	return pos, err
}

// planAppend turns the requests into batch steps, in request order: the
// version check (fused with the event insert), then releases, then takes.
func planAppend(reqs []eventstore.AppendRequest) ([]step, error) {
	var steps []step
	for i, r := range reqs {
		switch {
		case len(r.Events) > 0:
			st, err := eventsStep(r)
			if err != nil {
				return nil, fmt.Errorf("%w: request %d (%q): %w", eventstore.ErrInvalidAppend, i, r.Stream, err)
			}
			steps = append(steps, st)
		case r.Expected != eventstore.Any:
			steps = append(steps, step{kind: stepCheck, stream: r.Stream, expected: r.Expected})
		}
		if len(r.Releases) > 0 {
			steps = append(steps, step{kind: stepRelease, claims: claimArrays(r.Releases)})
		}
		if len(r.Claims) > 0 {
			take, err := dedupeClaims(r.Claims)
			if err != nil {
				return nil, err
			}
			steps = append(steps, step{kind: stepTake, claims: claimArrays(take)})
		}
	}
	return steps, nil
}

// dedupeClaims drops repeated claims (one statement may not touch a row
// twice); the same value claimed for two owners in one request is a
// conflict, as it would be in two requests.
func dedupeClaims(cs []eventstore.Claim) ([]eventstore.Claim, error) {
	owners := make(map[[2]string]string, len(cs))
	out := cs[:0:0]
	for _, c := range cs {
		k := [2]string{c.Kind, c.Key}
		if owner, ok := owners[k]; ok {
			if owner != c.Owner {
				return nil, fmt.Errorf("%w: %s claim requested for two owners", eventstore.ErrClaimTaken, c.Kind)
			}
			continue
		}
		owners[k] = c.Owner
		out = append(out, c)
	}
	return out, nil
}

// eventsStep builds the fused version-check-and-insert step of a request.
func eventsStep(r eventstore.AppendRequest) (step, error) {
	n := len(r.Events)
	ev := eventArrays{
		ids: make([]string, n), types: make([]string, n), schemas: make([]int32, n),
		data: make([][]byte, n), meta: make([][]byte, n), keyRefs: make([]string, n), occurred: make([]*int64, n),
	}
	for j, e := range r.Events {
		if e.Schema > math.MaxInt32 {
			return step{}, fmt.Errorf("event %d: schema %d out of range", j, e.Schema)
		}
		ev.ids[j], ev.types[j], ev.schemas[j], ev.keyRefs[j] = e.ID, e.Type, int32(e.Schema), e.KeyRef
		ev.data[j], ev.meta[j] = []byte(e.Data), []byte(e.Meta)
		if !e.OccurredAt.IsZero() {
			ns := e.OccurredAt.UnixNano()
			ev.occurred[j] = &ns
		}
	}
	return step{kind: stepEvents, stream: r.Stream, expected: r.Expected, events: ev}, nil
}
