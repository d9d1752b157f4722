package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/authledger/authledger/ontology"
)

// tx is one write transaction on the writer connection, against the live
// tables or the shadow ones (q). A statement is bound to the transaction
// on first use, from the store's prepared ones for the live tables (see
// prepared), else prepared in it, and reused for every row of the batch.
// Row writes (puts and audit rows) are queued and sent as multi-row INSERTs
// before the next other statement, at Commit, or every 64 rows; like the
// PostgreSQL store, a storage error of a queued row is returned by that
// later call. Rows are checked (ontology.CheckRow) when queued, so a bad
// row still fails at once.
type tx struct {
	tx    *sql.Tx
	q     *queries
	prep  prepared
	stmts map[string]*sql.Stmt
	rows  rowQueue
}

// stmt returns the statement for query bound to this transaction.
func (x *tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := x.stmts[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	if shared, ok := x.prep[query]; ok {
		st = x.tx.StmtContext(ctx, shared)
	} else {
		var err error
		if st, err = x.tx.PrepareContext(ctx, query); err != nil {
			return nil, fmt.Errorf("sqlite: prepare %q: %w", query, err)
		}
	}
	x.stmts[query] = st
	return st, nil
}

// exec sends the queued rows, then runs a cached statement.
func (x *tx) exec(ctx context.Context, query string, args ...any) error {
	if err := x.flush(ctx); err != nil {
		return err
	}
	return x.run(ctx, query, args...)
}

// run runs a cached statement. Row statements take microseconds, so ctx is
// checked before each one rather than watched during it (the driver would
// start a goroutine per statement to watch it).
func (x *tx) run(ctx context.Context, query string, args ...any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	st, err := x.stmt(ctx, query)
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(context.WithoutCancel(ctx), args...); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	return nil
}

// put validates row and queues its upsert into s's table.
func (x *tx) put(ctx context.Context, s spec, row any, args []any) error {
	if err := ontology.CheckRow(row); err != nil {
		return err
	}
	return x.queue(ctx, x.q.upsert[s.dim], args)
}

// get reads one row of s by primary key through a cached statement.
func get[T any](ctx context.Context, x *tx, s spec, scan func(scanner) (T, error), key ...any) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	if err := x.flush(ctx); err != nil {
		return zero, err
	}
	st, err := x.stmt(ctx, x.q.get[s.dim])
	if err != nil {
		return zero, err
	}
	return scan(st.QueryRowContext(context.WithoutCancel(ctx), key...))
}

// Commit sends the queued rows and commits rows and checkpoints together;
// when the rows fail, it rolls back and returns their error.
func (x *tx) Commit() error {
	if err := x.flush(context.Background()); err != nil {
		return errors.Join(err, x.tx.Rollback())
	}
	return x.tx.Commit()
}

// Rollback discards the transaction.
func (x *tx) Rollback() error { return x.tx.Rollback() }

// PutGroup inserts or replaces a group.
func (x *tx) PutGroup(ctx context.Context, g ontology.Group) error {
	return x.put(ctx, groupsSpec, g, groupArgs(g))
}

// DeleteGroup removes a group if present.
func (x *tx) DeleteGroup(ctx context.Context, id string) error {
	return x.exec(ctx, x.q.del[groupsSpec.dim], id)
}

// PutPerson inserts or replaces a person.
func (x *tx) PutPerson(ctx context.Context, p ontology.Person) error {
	return x.put(ctx, peopleSpec, p, personArgs(p))
}

// DeletePerson removes a person if present.
func (x *tx) DeletePerson(ctx context.Context, id string) error {
	return x.exec(ctx, x.q.del[peopleSpec.dim], id)
}

// GetPerson reads a person as this transaction sees it.
func (x *tx) GetPerson(ctx context.Context, id string) (ontology.Person, error) {
	return get(ctx, x, peopleSpec, scanPerson, id)
}

// PutThing inserts or replaces a thing.
func (x *tx) PutThing(ctx context.Context, t ontology.Thing) error {
	return x.put(ctx, thingsSpec, t, thingArgs(t))
}

// DeleteThing removes a thing if present.
func (x *tx) DeleteThing(ctx context.Context, id string) error {
	return x.exec(ctx, x.q.del[thingsSpec.dim], id)
}

// GetThing reads a thing as this transaction sees it.
func (x *tx) GetThing(ctx context.Context, id string) (ontology.Thing, error) {
	return get(ctx, x, thingsSpec, scanThing, id)
}

// PutConnection inserts or replaces a connection.
func (x *tx) PutConnection(ctx context.Context, c ontology.Connection) error {
	return x.put(ctx, connectionsSpec, c, connectionArgs(c))
}

// DeleteConnection removes a connection if present.
func (x *tx) DeleteConnection(ctx context.Context, id string) error {
	return x.exec(ctx, x.q.del[connectionsSpec.dim], id)
}

// GetConnection reads a connection as this transaction sees it.
func (x *tx) GetConnection(ctx context.Context, id string) (ontology.Connection, error) {
	return get(ctx, x, connectionsSpec, scanConnection, id)
}

// AppendEvent adds an audit row; Seq 0 becomes max(seq)+1, an explicit Seq
// replaces any row with that Seq.
func (x *tx) AppendEvent(ctx context.Context, e ontology.Event) error {
	if e.Seq != 0 {
		return x.put(ctx, eventsSpec, e, eventArgs(e))
	}
	if err := ontology.CheckRow(e); err != nil {
		return err
	}
	return x.queue(ctx, x.q.appendEvent, eventArgs(e)[1:])
}

// PutFact inserts or replaces a knowledge row.
func (x *tx) PutFact(ctx context.Context, f ontology.Fact) error {
	return x.put(ctx, knowledgeSpec, f, factArgs(f))
}

// DeleteFact removes a knowledge row if present.
func (x *tx) DeleteFact(ctx context.Context, subjectID, key string) error {
	return x.exec(ctx, x.q.del[knowledgeSpec.dim], subjectID, key)
}

// GetFact reads a knowledge row as this transaction sees it.
func (x *tx) GetFact(ctx context.Context, subjectID, key string) (ontology.Fact, error) {
	return get(ctx, x, knowledgeSpec, scanFact, subjectID, key)
}

// DeleteSubject removes a person's row, the things it owns, connections from
// or to it and its facts; events rows stay.
func (x *tx) DeleteSubject(ctx context.Context, personID string) error {
	for _, q := range x.q.deleteSubject {
		if err := x.exec(ctx, q, personID); err != nil {
			return err
		}
	}
	return nil
}

// Checkpoint reads a projector's position as this transaction sees it.
func (x *tx) Checkpoint(ctx context.Context, projector string) (string, error) {
	if err := x.flush(ctx); err != nil {
		return "", err
	}
	st, err := x.stmt(ctx, x.q.checkpoint)
	if err != nil {
		return "", err
	}
	return scanCheckpoint(st.QueryRowContext(ctx, projector))
}

// SetCheckpoint records a projector's position in this transaction.
func (x *tx) SetCheckpoint(ctx context.Context, projector, position string) error {
	return x.exec(ctx, x.q.setCheckpoint, projector, position, ts(time.Now()))
}

// scanCheckpoint reads a position, "" when the projector has none.
func scanCheckpoint(row *sql.Row) (string, error) {
	var pos string
	err := row.Scan(&pos)
	if notFound(err) == ontology.ErrNotFound {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: read checkpoint: %w", err)
	}
	return pos, nil
}
