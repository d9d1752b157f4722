package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// bigOrg creates an organization of n members (the caller, owner, plus
// n-1 people signed up straight into the log) and returns the owner's
// cookie and the organization id.
func bigOrg(tb testing.TB, h *harness, n int) (string, string) {
	tb.Helper()
	cookie, _ := signUpFor(h, "owner@example.com")
	r := h.post("/organization/create", `{"name":"Big","slug":"big"}`, withCookie(cookie))
	if r.status != 200 {
		tb.Fatalf("create: %d %s", r.status, r.body)
	}
	var org struct{ ID string }
	if err := jsonUnmarshal(r.body, &org); err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	at := h.clock.Now()
	meta := domain.Metadata{Actor: "bench", OccurredAt: at}
	const batch = 500
	for start := 1; start < n; start += batch {
		var people []eventstore.AppendRequest
		members := eventstore.AppendRequest{Stream: group.Stream(org.ID), Expected: eventstore.Any}
		for i := start; i < min(start+batch, n); i++ {
			pid, mid := fmt.Sprintf("P%031d", i), fmt.Sprintf("M%031d", i)
			if err := h.srv.cfg.Keys.Ensure(ctx, pid); err != nil {
				tb.Fatal(err)
			}
			pe, err := h.codec.Encode(ctx, person.SignedUp{PersonID: pid, Email: fmt.Sprintf("m%d@example.com", i),
				Name: fmt.Sprintf("Member %d", i), Role: "user", At: at}, meta, pid)
			if err != nil {
				tb.Fatal(err)
			}
			people = append(people, eventstore.AppendRequest{Stream: domain.PersonStream(pid), Expected: eventstore.NoStream,
				Events: []eventstore.EventData{pe}})
			me, err := h.codec.Encode(ctx, group.MemberAdded{GroupID: org.ID, MemberID: mid, PersonID: pid,
				Role: group.RoleMember, Actor: pid, At: at.Add(time.Duration(i) * time.Millisecond)}, meta, group.Stream(org.ID))
			if err != nil {
				tb.Fatal(err)
			}
			members.Events = append(members.Events, me)
		}
		pos, err := h.store.Append(ctx, append(people, members)...)
		if err != nil {
			tb.Fatal(err)
		}
		if err := h.srv.app.Index.WaitFor(ctx, pos); err != nil {
			tb.Fatal(err)
		}
	}
	return cookie, org.ID
}

// BenchmarkListMembers pages list-members (100 per page, users joined)
// on an organization of 10,000 members through the full Echo stack and
// reports p50/p99 latency. cold_ms is the first request, which folds the
// whole group stream; later requests read only the stream's tail.
func BenchmarkListMembers(b *testing.B) {
	const n = 10_000
	h := newHarness(b)
	cookie, orgID := bigOrg(b, h, n)
	handler := h.srv.Handler()
	call := func(offset int) time.Duration {
		r := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/api/auth/organization/list-members?organizationId=%s&limit=100&offset=%d", orgID, offset), nil)
		r.Header.Set("Cookie", cookie)
		w := httptest.NewRecorder()
		t0 := time.Now()
		handler.ServeHTTP(w, r)
		d := time.Since(t0)
		if w.Code != 200 || w.Body.Len() < 100*100 {
			b.Fatalf("list-members: %d %.200s", w.Code, w.Body)
		}
		return d
	}
	cold := call(0)
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		lat = append(lat, call((i*100)%n))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(cold.Microseconds())/1000, "cold_ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99_ms")
}

// TestBigOrgListMembers checks the benchmark's setup and paging on a
// smaller organization: every member is listed once, oldest first.
func TestBigOrgListMembers(t *testing.T) {
	h := newHarness(t)
	cookie, orgID := bigOrg(t, h, 250)
	seen := map[string]bool{}
	for offset := 0; offset < 300; offset += 100 {
		var page membersPage
		r := h.get(fmt.Sprintf("/organization/list-members?organizationId=%s&limit=100&offset=%d", orgID, offset), withCookie(cookie))
		if err := jsonUnmarshal(r.body, &page); err != nil || page.Total != 250 {
			t.Fatalf("offset %d: %d %s", offset, r.status, r.body)
		}
		for _, m := range page.Members {
			if seen[m.ID] || m.User == nil || m.User.Name == "" {
				t.Errorf("member %+v repeated or without user", m)
			}
			seen[m.ID] = true
		}
	}
	if len(seen) != 250 {
		t.Errorf("listed %d members, want 250", len(seen))
	}
}

// membersPage is list-members' answer as these tests read it.
type membersPage struct {
	Members []struct {
		ID   string
		User *struct{ Name string }
	}
	Total int
}
