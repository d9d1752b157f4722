package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/authledger/authledger/eventstore"
	espg "github.com/authledger/authledger/eventstore/postgres"
)

// The PostgreSQL append row: storeAppendWriters goroutines each append
// single sealed-size events to their own stream with exact expected
// versions, through the store's group commit, into a fresh database.
const (
	storeAppendWriters = 16
	storeAppendGoal    = 20_000 // events/s
)

func storeAppendSuite(ctx context.Context, o Options) ([]Row, error) {
	row := Row{Path: fmt.Sprintf("PostgreSQL append, %d writers × 1 event", storeAppendWriters), Unit: "events/s", Goal: storeAppendGoal}
	if o.Postgres == "" {
		row.Note = "skipped: no -postgres URL"
		return []Row{row}, nil
	}
	n := 40_000
	if o.Quick {
		n = 4_000
	}
	db, drop, err := storePGDatabase(ctx, o.Postgres)
	if err != nil {
		return nil, err
	}
	defer drop()
	es, err := espg.Open(ctx, db, espg.Options{MaxConns: storeAppendWriters + 2})
	if err != nil {
		return nil, err
	}
	defer es.Close()
	if row.Ours, err = storeAppend(ctx, es, n); err != nil {
		return nil, err
	}
	row.Note = fmt.Sprintf("%d appends, exact expected versions, default group-commit writers", n)
	return []Row{row}, nil
}

// storeAppend runs n single-event appends from storeAppendWriters
// goroutines and returns events per second.
func storeAppend(ctx context.Context, es eventstore.Store, n int) (float64, error) {
	var wg sync.WaitGroup
	errs := make(chan error, storeAppendWriters)
	start := time.Now()
	for w := range storeAppendWriters {
		count := n / storeAppendWriters
		if w < n%storeAppendWriters {
			count++
		}
		wg.Go(func() {
			stream := fmt.Sprintf("person-%s", storeID("w", w))
			for i := range count {
				req := eventstore.AppendRequest{Stream: stream, Expected: eventstore.Exactly(uint64(i)),
					Events: []eventstore.EventData{storeAppendEvent(w, i)}}
				if _, err := es.Append(ctx, req); err != nil {
					errs <- fmt.Errorf("append: %w", err)
					return
				}
			}
		})
	}
	wg.Wait()
	el := time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	return float64(n) / el.Seconds(), nil
}

// storeAppendEvent is an event of a typical sealed size (about 300 bytes
// of JSON); its content is made up and never decoded.
func storeAppendEvent(w, i int) eventstore.EventData {
	return eventstore.EventData{
		ID:     fmt.Sprintf("0190b2c4-%04x-7000-8000-%012d", w, i),
		Type:   "person.signed_up",
		Schema: 1,
		Data: []byte(`{"personId":"p0123456789abcdef0123456789abcdef","email":"sealed:v1:q8Zp1r4hW2m9bO0K3n6vJ` +
			`c1kq9s0d8f7g6h5j4k3l2m1n0bAaBbCcDdEeFf","name":"sealed:v1:Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jj1Ii0Hh","emailVerified":false}`),
		Meta:       []byte(`{"actor":"p0123456789abcdef","requestId":"r-0123456789"}`),
		KeyRef:     "person-p0123456789abcdef",
		OccurredAt: time.Now(),
	}
}
