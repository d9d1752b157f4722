// Package mailertest delivers the outbox mail of a test's log on demand:
// a Recorder is a mail.Sender that, once bound to a kernel, runs the
// mailer over every record not yet handled each time its messages are
// read, so a use-case test reads the mail of the commands it ran without
// a background goroutine.
package mailertest

import (
	"context"
	"sync"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/eventstore"
)

// Recorder records messages like mail.Recorder; bound, it first delivers
// the log's pending mail through itself.
type Recorder struct {
	mail.Recorder
	mu  sync.Mutex
	m   *mailer.Mailer
	st  eventstore.Store
	pos eventstore.Position
}

// Bind makes the recorder the sender of every flow of a's mailer, with
// cfg's texts, starting at the log's current head.
func (r *Recorder) Bind(a *app.App, cfg mailer.Config) {
	cfg.Reset, cfg.Verify, cfg.Delete, cfg.OTP, cfg.Invite = r, r, r, r, r
	head, err := a.Store.Head(context.Background())
	if err != nil {
		panic(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.m, r.st, r.pos = mailer.New(a, cfg), a.Store, head
}

// Flush delivers the mail of every record appended since the last flush.
func (r *Recorder) Flush() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		return
	}
	ctx := context.Background()
	for {
		recs, err := r.st.ReadAll(ctx, r.pos, 100)
		if err != nil {
			panic(err)
		}
		if len(recs) == 0 {
			return
		}
		for _, rec := range recs {
			if r.m.Wants(rec) {
				if err := r.m.Handle(ctx, rec); err != nil {
					panic(err)
				}
			}
			r.pos = rec.Position
		}
	}
}

// Messages flushes, then returns the messages sent so far.
func (r *Recorder) Messages() []mail.Message {
	r.Flush()
	return r.Recorder.Messages()
}
