package main

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
	"github.com/authledger/authledger/eventstore/registry"
)

// The rebuild workload, the one of the projections package's rebuild
// benchmark: storeFixturePeople people sign up (person.signed_up,
// account.created, session.created), then sign-in cycles of random people
// fill the log. A cycle is a success (sign_in_succeeded + session.created),
// two refreshes and a revoke; one cycle in ten starts with a failed
// attempt. Every event carries an IP and user agent in its metadata,
// sealed like in production.
const (
	storeFixturePeople = 8_000
	storeFixtureAppend = 1_000 // events per Append call while writing the fixture
	storeUA            = "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0"
)

// storeFixture writes total events of the workload to es, sealed under the
// key-encryption key derived from secret (as the binary derives it).
func storeFixture(ctx context.Context, es eventstore.Store, secret string, total int) error {
	codec := eventstore.NewCodec(registry.New(), eventstore.NewKeyring(es.Keys(), eventstore.DeriveKEK([]byte(secret))))
	g := &storeGen{rng: rand.New(rand.NewPCG(1, 2)), at: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	written := 0
	for i := 0; written < total; i++ {
		if i < storeFixturePeople {
			g.signUp(i)
		} else {
			g.cycle()
		}
		if len(g.out) >= storeFixtureAppend || written+len(g.out) >= total {
			batch := g.out[:min(len(g.out), total-written)]
			if err := storeFlush(ctx, es, codec, batch); err != nil {
				return err
			}
			written += len(batch)
			g.out = g.out[:0]
		}
	}
	return nil
}

// storeFlush seals and appends one batch of the workload.
func storeFlush(ctx context.Context, es eventstore.Store, codec *eventstore.Codec, evs []storeEvent) error {
	reqs := make([]eventstore.AppendRequest, 0, len(evs))
	for _, e := range evs {
		meta := domain.Metadata{Actor: e.person, RequestID: "req", IP: "198.51.100.23", UserAgent: storeUA, OccurredAt: e.at}
		data, err := codec.Encode(ctx, e.ev, meta, e.person)
		if err != nil {
			return fmt.Errorf("encode the fixture: %w", err)
		}
		reqs = append(reqs, eventstore.AppendRequest{Stream: e.stream, Expected: eventstore.Any, Events: []eventstore.EventData{data}})
	}
	if _, err := es.Append(ctx, reqs...); err != nil {
		return fmt.Errorf("append the fixture: %w", err)
	}
	return nil
}

// storeGen produces the workload's events in log order.
type storeGen struct {
	rng      *rand.Rand
	at       time.Time
	sessions int
	out      []storeEvent
}

type storeEvent struct {
	stream, person string
	ev             domain.Event
	at             time.Time
}

func storeID(prefix string, n int) string { return fmt.Sprintf("%s%0*d", prefix, 32-len(prefix), n) }

func (g *storeGen) add(stream, personID string, ev domain.Event) {
	g.out = append(g.out, storeEvent{stream: stream, person: personID, ev: ev, at: g.at})
}

func (g *storeGen) tick() time.Time { g.at = g.at.Add(37 * time.Millisecond); return g.at }

func (g *storeGen) signUp(i int) {
	p, acc, at := storeID("p", i), storeID("a", i), g.tick()
	g.add(domain.PersonStream(p), p, person.SignedUp{PersonID: p, Email: fmt.Sprintf("user%d@example.com", i),
		Name: fmt.Sprintf("User %d", i), Role: "user", Fields: `{"locale":"en-GB"}`, CredentialAccountID: acc, At: at})
	g.add(account.Stream(acc), p, account.Created{AccountID: acc, PersonID: p, ProviderID: account.ProviderCredential,
		PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$3q2+7w9J8T3CzqV9o5gYq0mS4uQy1S0xN0a6mQ7Xh1Y", At: at})
	g.session(p, at)
}

func (g *storeGen) session(p string, at time.Time) {
	g.sessions++
	s := storeID("s", g.sessions)
	g.add(domain.SessionStream(s), p, session.Created{SessionID: s, PersonID: p, TokenHash: fmt.Sprintf("%064x", g.sessions),
		ExpiresAt: at.Add(7 * 24 * time.Hour), RememberMe: true, IP: "198.51.100.23", UserAgent: storeUA, At: at})
}

func (g *storeGen) cycle() {
	i := g.rng.IntN(storeFixturePeople)
	p, acc := storeID("p", i), storeID("a", i)
	if g.rng.IntN(10) == 0 {
		g.add(account.Stream(acc), p, account.SignInFailed{AccountID: acc, PersonID: p, Reason: "invalid_password", Failures: 1, At: g.tick()})
	}
	at := g.tick()
	s := storeID("s", g.sessions+1)
	g.add(account.Stream(acc), p, account.SignInSucceeded{AccountID: acc, PersonID: p, SessionID: s, At: at})
	g.session(p, at)
	for range 2 {
		at = g.tick()
		g.add(domain.SessionStream(s), p, session.Refreshed{SessionID: s, PersonID: p, ExpiresAt: at.Add(7 * 24 * time.Hour), At: at})
	}
	g.add(domain.SessionStream(s), p, session.Revoked{SessionID: s, PersonID: p, TokenHash: fmt.Sprintf("%064x", g.sessions),
		Reason: session.ReasonSignOut, At: g.tick()})
}
