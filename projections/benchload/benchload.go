// Package benchload writes the rebuild benchmark's workload to an event
// store: People people sign up (person.signed_up, account.created,
// session.created), then sign-in cycles of random people fill the log. A
// cycle is a success (sign_in_succeeded + session.created), two refreshes
// and a revoke; one cycle in ten starts with a failed attempt. Every event
// carries an IP and user agent in its metadata, sealed like in production.
// The projections package's BenchmarkRebuild and the performance harness
// (cmd/perf) measure the same log; it is deterministic (a fixed seed).
package benchload

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

const (
	// People is how many people sign up first; the working set fits the
	// keyring's cache (eventstore.KeyCacheSize).
	People = 8_000
	// batch is the events per Append call.
	batch = 1_000
	ip    = "198.51.100.23"
	ua    = "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0"
)

// Write appends total events of the workload to es, sealed by codec, in
// batched appends.
func Write(ctx context.Context, es eventstore.Store, codec *eventstore.Codec, total int) error {
	g := &gen{rng: rand.New(rand.NewPCG(1, 2)), at: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	written := 0
	for i := 0; written < total; i++ {
		if i < People {
			g.signUp(i)
		} else {
			g.cycle()
		}
		if len(g.out) >= batch || written+len(g.out) >= total {
			evs := g.out[:min(len(g.out), total-written)]
			if err := flush(ctx, es, codec, evs); err != nil {
				return err
			}
			written += len(evs)
			g.out = g.out[:0]
		}
	}
	return nil
}

// flush seals and appends one batch.
func flush(ctx context.Context, es eventstore.Store, codec *eventstore.Codec, evs []event) error {
	reqs := make([]eventstore.AppendRequest, 0, len(evs))
	for _, e := range evs {
		meta := domain.Metadata{Actor: e.person, RequestID: "req", IP: ip, UserAgent: ua, OccurredAt: e.at}
		data, err := codec.Encode(ctx, e.ev, meta, e.person)
		if err != nil {
			return fmt.Errorf("benchload: encode: %w", err)
		}
		reqs = append(reqs, eventstore.AppendRequest{Stream: e.stream, Expected: eventstore.Any, Events: []eventstore.EventData{data}})
	}
	if _, err := es.Append(ctx, reqs...); err != nil {
		return fmt.Errorf("benchload: append: %w", err)
	}
	return nil
}

// gen produces the workload's events in log order.
type gen struct {
	rng      *rand.Rand
	at       time.Time
	sessions int
	out      []event
}

type event struct {
	stream, person string
	ev             domain.Event
	at             time.Time
}

func id(prefix string, n int) string { return fmt.Sprintf("%s%0*d", prefix, 32-len(prefix), n) }

func (g *gen) add(stream, personID string, ev domain.Event) {
	g.out = append(g.out, event{stream: stream, person: personID, ev: ev, at: g.at})
}

func (g *gen) tick() time.Time { g.at = g.at.Add(37 * time.Millisecond); return g.at }

func (g *gen) signUp(i int) {
	p, acc, at := id("p", i), id("a", i), g.tick()
	g.add(domain.PersonStream(p), p, person.SignedUp{PersonID: p, Email: fmt.Sprintf("user%d@example.com", i),
		Name: fmt.Sprintf("User %d", i), Role: "user", Fields: `{"locale":"en-GB"}`, CredentialAccountID: acc, At: at})
	g.add(account.Stream(acc), p, account.Created{AccountID: acc, PersonID: p, ProviderID: account.ProviderCredential,
		PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$3q2+7w9J8T3CzqV9o5gYq0mS4uQy1S0xN0a6mQ7Xh1Y", At: at})
	g.session(p, at)
}

func (g *gen) session(p string, at time.Time) {
	g.sessions++
	s := id("s", g.sessions)
	g.add(domain.SessionStream(s), p, session.Created{SessionID: s, PersonID: p, TokenHash: fmt.Sprintf("%064x", g.sessions),
		ExpiresAt: at.Add(7 * 24 * time.Hour), RememberMe: true, IP: ip, UserAgent: ua, At: at})
}

func (g *gen) cycle() {
	i := g.rng.IntN(People)
	p, acc := id("p", i), id("a", i)
	if g.rng.IntN(10) == 0 {
		g.add(account.Stream(acc), p, account.SignInFailed{AccountID: acc, PersonID: p, Reason: "invalid_password", Failures: 1, At: g.tick()})
	}
	at := g.tick()
	s := id("s", g.sessions+1)
	g.add(account.Stream(acc), p, account.SignInSucceeded{AccountID: acc, PersonID: p, SessionID: s, At: at})
	g.session(p, at)
	for range 2 {
		at = g.tick()
		g.add(domain.SessionStream(s), p, session.Refreshed{SessionID: s, PersonID: p, ExpiresAt: at.Add(7 * 24 * time.Hour), At: at})
	}
	g.add(domain.SessionStream(s), p, session.Revoked{SessionID: s, PersonID: p, TokenHash: fmt.Sprintf("%064x", g.sessions),
		Reason: session.ReasonSignOut, At: g.tick()})
}
