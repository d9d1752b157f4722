package mailer_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

const base = "http://127.0.0.1:8080"

var caller = app.Caller{RequestID: "req-1", IP: "192.0.2.1", UserAgent: "test"}

var resetLinkRE = regexp.MustCompile(`http://127\.0\.0\.1:8080/api/auth/reset-password/([A-Za-z0-9_-]+)\?callbackURL=%2Freset`)

// rig is the reset flow on a real store, its mail sent by the outbox
// mailer through net/smtp to the test sink.
type rig struct {
	t     *testing.T
	env   *apptest.Env
	read  ontology.Store
	sink  *mailtest.Sink
	ids   *identity.Service
	reset *recovery.Service
	sub   *outbox.Subscriber
}

func newRig(t *testing.T, b backend) *rig {
	es, read := b.open(t)
	env := apptest.NewOn(t, es)
	sink := mailtest.Start(t)
	smtp := mail.SMTP{Host: "127.0.0.1", Port: sink.Port(), From: "noreply@example.com"}
	sess := sessions.New(env.App, sessions.Config{})
	ids, err := identity.New(env.App, sess, nil, identity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, env: env, read: read, sink: sink, ids: ids,
		reset: recovery.New(env.App, sess, recovery.Config{Mailer: smtp, BaseURL: base})}
	r.sub = mailer.New(env.App, mailer.Config{Reset: smtp, BaseURL: base}).Subscriber(outbox.ReadStore(read))
	r.sub.Retry = outbox.Retry{Initial: time.Millisecond, Max: time.Millisecond, Attempts: 5}
	r.sub.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() } // no waiting
	if err := r.sub.Init(context.Background()); err != nil {
		t.Fatal(err)
	}
	return r
}

// run starts the subscriber until the test ends (or stop is called).
func (r *rig) run() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = r.sub.Run(ctx) }()
	stop = func() { cancel(); <-done }
	r.t.Cleanup(stop)
	return stop
}

func (r *rig) signUp(addr string) string {
	res, err := r.ids.SignUp(context.Background(), identity.SignUpInput{Caller: caller, Name: "Ann", Email: addr,
		Password: "correct horse 1"})
	if err != nil {
		r.t.Fatal(err)
	}
	return res.PersonID
}

func (r *rig) requestReset(addr string) {
	if err := r.reset.RequestReset(context.Background(), recovery.RequestInput{Caller: caller, Email: addr, RedirectTo: "/reset"}); err != nil {
		r.t.Fatal(err)
	}
	r.reset.Wait()
}

// caughtUp waits until the mailer's checkpoint reached the log's head.
func (r *rig) caughtUp() {
	r.t.Helper()
	head := r.env.Head(r.t).String()
	for range 1000 {
		if cp, _ := r.read.Checkpoint(context.Background(), mailer.Name); cp == head {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.t.Fatalf("the mailer never reached the head %s", head)
}

// resetRecord is the last password_reset_requested record.
func (r *rig) resetRecord() eventstore.Record {
	var last eventstore.Record
	for _, rec := range r.env.Records(r.t) {
		if rec.Type == account.TypePasswordResetRequested {
			last = rec
		}
	}
	return last
}

// TestMailerSendsResetLinksFromTheLog: the link arrives through SMTP after
// the command, with a Message-ID derived from the event, and works once;
// an erased person's pending link is not mailed.
func TestMailerSendsResetLinksFromTheLog(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			r := newRig(t, b)
			ctx := context.Background()
			bob := r.signUp("bob@example.com")
			r.requestReset("bob@example.com")
			if _, err := compliance.New(r.env.App, compliance.Deps{}).Forget(ctx,
				compliance.ForgetInput{Caller: caller, Actor: bob, PersonID: bob}); err != nil {
				t.Fatal(err)
			}
			r.signUp("alice@example.com")
			r.requestReset("alice@example.com")
			rec := r.resetRecord()
			r.run()
			r.caughtUp()
			got := r.sink.Messages()
			if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "alice@example.com" {
				t.Fatalf("got %d messages (%+v), want one, to alice (none for the erased bob)", len(got), got)
			}
			if want := fmt.Sprintf("Message-ID: <%s@127.0.0.1>\r\n", rec.ID); !strings.Contains(got[0].Data, want) {
				t.Errorf("message %q lacks %q", got[0].Data, want)
			}
			m := resetLinkRE.FindStringSubmatch(got[0].Data)
			if m == nil {
				t.Fatalf("no reset link in %q", got[0].Data)
			}
			for i, want := range []error{nil, account.ErrInvalidToken} {
				err := r.reset.ResetPassword(ctx, recovery.ResetInput{Caller: caller, Token: m[1], NewPassword: "correct horse 2"})
				if (want == nil) != (err == nil) {
					t.Errorf("reset %d with the mailed token = %v, want %v", i, err, want)
				}
			}
		})
	}
}

// TestMailerRetriesAFailingServer: an SMTP server refusing twice, then
// accepting, gets the message once, on the third attempt.
func TestMailerRetriesAFailingServer(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			r := newRig(t, b)
			r.sink.FailNext(2)
			r.signUp("alice@example.com")
			r.requestReset("alice@example.com")
			r.run()
			r.caughtUp()
			if got := r.sink.Messages(); len(got) != 1 || r.sink.Refused() != 2 {
				t.Fatalf("got %d messages after %d refusals, want 1 after 2", len(got), r.sink.Refused())
			}
		})
	}
}

// TestMailerResumesAfterAStopMidRetry: a mailer stopped while its SMTP
// server is down keeps the unsent event behind its checkpoint; the next
// one, on the same read store, sends it (once).
func TestMailerResumesAfterAStopMidRetry(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			r := newRig(t, b)
			r.sub.Sleep = func(ctx context.Context, _ time.Duration) error { <-ctx.Done(); return ctx.Err() } // stop while waiting to retry
			r.sink.FailNext(-1)
			r.signUp("alice@example.com")
			r.requestReset("alice@example.com")
			stop := r.run()
			for r.sink.Refused() == 0 {
				time.Sleep(10 * time.Millisecond)
			}
			stop()
			if rec := r.resetRecord(); !checkpointBefore(t, r.read, rec.Position) {
				t.Fatalf("checkpoint is past the unsent event at %s", rec.Position)
			}
			r.sink.FailNext(0)
			r.sub.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
			r.run()
			r.caughtUp()
			if got := r.sink.Messages(); len(got) != 1 || got[0].To[0] != "alice@example.com" {
				t.Fatalf("got %+v, want the reset mail once after the restart", got)
			}
		})
	}
}

// checkpointBefore reports whether the mailer's checkpoint is before pos.
func checkpointBefore(t *testing.T, read ontology.Store, pos eventstore.Position) bool {
	t.Helper()
	text, err := read.Checkpoint(context.Background(), mailer.Name)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := eventstore.ParsePosition(text)
	if err != nil {
		t.Fatal(err)
	}
	return cp.Less(pos)
}
