package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// benchEvents is the size of the log the audit benchmarks read.
const benchEvents = 100_000

// benchLog fills a fresh SQLite data directory with benchEvents events:
// 1,000 people, each signing up (person, account, session) and then opening
// and revoking sessions, with sealed IPs and user agents.
func benchLog(b *testing.B) (storeSettings, *app) {
	b.Helper()
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "data")
	cfg, _, err := parseConfig("bench", []string{"--data-dir", dir, "--secret", e2eSecret, "--log-level", "error", "--sync", "normal"},
		func(string) string { return "" }, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	s, err := parseStoreSettings(cfg)
	if err != nil {
		b.Fatal(err)
	}
	a, err := openApp(ctx, s, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	per := benchEvents / 1000
	for p := range 1000 {
		pid := fmt.Sprintf("P%031d", p)
		if err := a.keys.Ensure(ctx, pid); err != nil {
			b.Fatal(err)
		}
		meta := domain.Metadata{Actor: pid, RequestID: "req", IP: "198.51.100.7", UserAgent: "bench/1.0", OccurredAt: at}
		evs := []struct {
			stream string
			ev     domain.Event
		}{
			{domain.PersonStream(pid), person.SignedUp{PersonID: pid, Email: pid + "@example.org", Name: "Bench " + pid, Role: "user", At: at}},
			{account.Stream("A" + pid[1:]), account.Created{AccountID: "A" + pid[1:], PersonID: pid, ProviderID: "credential", At: at}},
		}
		for s := 0; len(evs) < per; s++ {
			sid := fmt.Sprintf("S%05d%026d", s, p)
			evs = append(evs, struct {
				stream string
				ev     domain.Event
			}{domain.SessionStream(sid), session.Created{SessionID: sid, PersonID: pid, TokenHash: "00", ExpiresAt: at.Add(time.Hour), IP: meta.IP, UserAgent: meta.UserAgent, At: at}},
				struct {
					stream string
					ev     domain.Event
				}{domain.SessionStream(sid), session.Revoked{SessionID: sid, PersonID: pid, TokenHash: "00", Reason: "sign_out", At: at}})
		}
		var reqs []eventstore.AppendRequest
		for _, e := range evs[:per] {
			d, err := a.codec.Encode(ctx, e.ev, meta, pid)
			if err != nil {
				b.Fatal(err)
			}
			if n := len(reqs); n > 0 && reqs[n-1].Stream == e.stream {
				reqs[n-1].Events = append(reqs[n-1].Events, d)
				continue
			}
			reqs = append(reqs, eventstore.AppendRequest{Stream: e.stream, Expected: eventstore.Any, Events: []eventstore.EventData{d}})
		}
		if _, err := a.store.Append(ctx, reqs...); err != nil {
			b.Fatal(err)
		}
	}
	return s, a
}

// BenchmarkAuditExport measures the streaming export over 100,000 events
// (events/s), without and with decrypted PII, NDJSON and CSV.
func BenchmarkAuditExport(b *testing.B) {
	_, a := benchLog(b)
	svc, err := a.complianceCLI(compliance.Deps{})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"format=ndjson", "format=csv", "format=ndjson&include=pii", "format=ndjson&person=P0000000000000000000000000000500"} {
		f, err := compliance.ParseFilter(q)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				in := compliance.ExportInput{Reader: cliReader("bench"), Filter: f, W: io.Discard}
				if err := svc.Export(context.Background(), in); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(benchEvents)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkReplay measures "authledger replay" of 100,000 events into a
// fresh SQLite read store (events/s), finding the bound included.
func BenchmarkReplay(b *testing.B) {
	s, a := benchLog(b)
	ctx := context.Background()
	head, err := a.store.Head(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		into := filepath.Join(b.TempDir(), "past")
		if err := replayInto(ctx, s, a, into, compliance.AtPosition(head), io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchEvents)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
