package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Several authledger nodes on one PostgreSQL database, without sticky
// routing: a session revoked through one node stops working on the other,
// X-Consistency-Token gives read-your-writes across nodes, the projectors
// (one leader at a time) never apply an event twice, and the email claim
// holds across nodes.

const (
	pgRevocations = 200 // measured propagation delays
	pgTokenChecks = 20  // revocations checked on the other node with the token, no polling
	pgPassword    = "zebra lantern orbit 42"
)

// startPGNode runs "authledger serve" on the database with cheap Argon2id
// and no rate limits (serveArgs); the shared --secret is serveArgs' too.
func startPGNode(t testing.TB, dbURL string, extra ...string) *server {
	t.Helper()
	args := append([]string{"--database", dbURL}, crashHashArgs...)
	return startServer(t, filepath.Join(t.TempDir(), "data"), append(args, extra...)...)
}

// pgCall is one Better Auth request as a browser on the trusted origin
// sends it, with the session cookie and a consistency token if given.
type pgCall struct {
	method, path  string // path under /api/auth/
	body          any
	cookie, token string
}

// pgReply is what came back: status, body, X-Consistency-Token, and the
// live cookies it set as one Cookie header.
type pgReply struct {
	status int
	body   []byte
	token  string
	cookie string
	header http.Header
	err    error
}

func (r pgReply) String() string {
	return fmt.Sprintf("status %d, err %v, body %.300s", r.status, r.err, r.body)
}

// isNull reports a 200 whose body is JSON null (get-session: no session).
func (r pgReply) isNull() bool {
	return r.err == nil && r.status == http.StatusOK && string(bytes.TrimSpace(r.body)) == "null"
}

// code is the error body's code.
func (r pgReply) code() string {
	var e struct{ Code string }
	json.Unmarshal(r.body, &e)
	return e.Code
}

// userID is the user.id of a sign-up, sign-in or get-session answer.
func (r pgReply) userID() string {
	var b struct{ User struct{ ID string } }
	json.Unmarshal(r.body, &b)
	return b.User.ID
}

func authCall(ctx context.Context, client *http.Client, baseURL string, c pgCall) pgReply {
	var body *bytes.Reader
	if c.body != nil {
		b, err := json.Marshal(c.body)
		if err != nil {
			return pgReply{err: err}
		}
		body = bytes.NewReader(b)
	} else {
		body = bytes.NewReader(nil)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, baseURL+"/api/auth/"+c.path, body)
	if err != nil {
		return pgReply{err: err}
	}
	if c.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Origin", e2eTrustedOrigin)
	if c.cookie != "" {
		req.Header.Set("Cookie", c.cookie)
	}
	if c.token != "" {
		req.Header.Set("X-Consistency-Token", c.token)
	}
	res, err := client.Do(req)
	if err != nil {
		return pgReply{err: err}
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(res.Body)
	var jar []string
	for _, ck := range res.Cookies() {
		if ck.Value != "" && ck.MaxAge >= 0 {
			jar = append(jar, ck.Name+"="+ck.Value)
		}
	}
	return pgReply{status: res.StatusCode, body: buf.Bytes(), token: res.Header.Get("X-Consistency-Token"),
		cookie: strings.Join(jar, "; "), header: res.Header, err: err}
}

func signUpCall(email, name string) pgCall {
	return pgCall{method: http.MethodPost, path: "sign-up/email",
		body: map[string]string{"name": name, "email": email, "password": pgPassword}}
}

func signInCall(email, password string) pgCall {
	return pgCall{method: http.MethodPost, path: "sign-in/email", body: map[string]string{"email": email, "password": password}}
}

func getSessionCall(cookie, token string) pgCall {
	return pgCall{method: http.MethodGet, path: "get-session", cookie: cookie, token: token}
}

// mustOK fails the test unless r is a complete 200.
func mustOK(t testing.TB, what string, r pgReply) pgReply {
	t.Helper()
	if r.err != nil || r.status != http.StatusOK {
		t.Fatalf("%s: %v", what, r)
	}
	return r
}

func newPGClient(conns int) *http.Client {
	return &http.Client{Timeout: 15 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: conns, DisableCompression: true}}
}

func TestPGTwoNodesRevocation(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	a, b := startPGNode(t, db), startPGNode(t, db)
	ctx, client := context.Background(), newPGClient(4)
	email := "revoker@example.test"
	mustOK(t, "sign-up on A", authCall(ctx, client, a.URL, signUpCall(email, "Revoker")))

	var (
		delays    []time.Duration // from A's answer to B's first null
		sinceSent []time.Duration // from sending the revocation to A to B's first null
		firstPoll int             // revocations B already refused on the first poll
	)
	for i := range pgRevocations + pgTokenChecks {
		in := mustOK(t, "sign-in on A", authCall(ctx, client, a.URL, signInCall(email, pgPassword)))
		if r := authCall(ctx, client, b.URL, getSessionCall(in.cookie, in.token)); r.userID() == "" {
			t.Fatalf("revocation %d: B with the sign-in's token does not know the new session: %v", i, r)
		}
		sent := time.Now()
		out := mustOK(t, "revoke on A", authCall(ctx, client, a.URL, revokeCall(i, in)))
		if r := authCall(ctx, client, a.URL, getSessionCall(in.cookie, "")); !r.isNull() {
			t.Fatalf("revocation %d: A itself still answers the revoked session: %v", i, r)
		}
		if i >= pgRevocations {
			if r := authCall(ctx, client, b.URL, getSessionCall(in.cookie, out.token)); !r.isNull() {
				t.Errorf("revocation %d: B given A's X-Consistency-Token %q still answers the revoked session: %v", i, out.token, r)
			}
			continue
		}
		d, polls, err := untilNull(ctx, client, b.URL, in.cookie, 10*time.Second)
		if err != nil {
			t.Fatalf("revocation %d: %v", i, err)
		}
		delays, sinceSent = append(delays, d), append(sinceSent, time.Since(sent))
		if polls == 1 {
			firstPoll++
		}
	}
	slices.Sort(delays)
	slices.Sort(sinceSent)
	t.Logf("revocation acknowledged by A → old cookie refused by B (polling B's get-session, no token), %d revocations: "+
		"p50 %s, p99 %s, max %s; refused on the first poll: %d", len(delays), pct(delays, 50).Round(time.Microsecond),
		pct(delays, 99).Round(time.Microsecond), delays[len(delays)-1].Round(time.Microsecond), firstPoll)
	t.Logf("from sending the revocation to A (A answers once its own index and the projections have it) to B's first null: "+
		"p50 %s, p99 %s", pct(sinceSent, 50).Round(time.Microsecond), pct(sinceSent, 99).Round(time.Microsecond))
	t.Logf("%d further revocations: B given A's X-Consistency-Token refused the old cookie on the first request", pgTokenChecks)
}

// revokeCall alternates sign-out and revoke-session (by the raw token).
func revokeCall(i int, in pgReply) pgCall {
	if i%2 == 0 {
		return pgCall{method: http.MethodPost, path: "sign-out", body: map[string]string{}, cookie: in.cookie}
	}
	var b struct{ Token string }
	json.Unmarshal(in.body, &b)
	return pgCall{method: http.MethodPost, path: "revoke-session", body: map[string]string{"token": b.Token}, cookie: in.cookie}
}

// untilNull polls get-session with cookie until it answers null and
// returns how long that took and how many requests it made.
func untilNull(ctx context.Context, client *http.Client, baseURL, cookie string, limit time.Duration) (time.Duration, int, error) {
	start := time.Now()
	for polls := 1; ; polls++ {
		r := authCall(ctx, client, baseURL, getSessionCall(cookie, ""))
		if r.isNull() {
			return time.Since(start), polls, nil
		}
		if r.err != nil || r.status != http.StatusOK {
			return 0, polls, fmt.Errorf("get-session on the other node: %v", r)
		}
		if time.Since(start) > limit {
			return 0, polls, fmt.Errorf("the other node still answers the revoked session after %s", limit)
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// pct is the p-th percentile of sorted durations (nearest rank).
func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[max(0, i-1)]
}

func TestPGReadYourWritesAcrossNodes(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	a, b := startPGNode(t, db), startPGNode(t, db)
	ctx, client := context.Background(), newPGClient(2)
	for i := range 20 {
		writer, reader, dir := a, b, "A→B"
		if i%2 == 1 {
			writer, reader, dir = b, a, "B→A"
		}
		email := fmt.Sprintf("ryw-%02d@example.test", i)
		up := mustOK(t, "sign-up", authCall(ctx, client, writer.URL, signUpCall(email, "Reader Writer")))
		if up.token == "" {
			t.Fatalf("%s sign-up %s: no X-Consistency-Token header", dir, email)
		}
		reader.ReadToken = up.token
		var page struct{ Items []struct{ ID, Email string } }
		reader.adminGet(t, "/v1/ontology/people?"+url.Values{"email": {email}}.Encode(), &page)
		if len(page.Items) != 1 || page.Items[0].ID != up.userID() {
			t.Errorf("%s: people?email=%s with the writer's token on the first try: got %+v, want user %s", dir, email, page.Items, up.userID())
		}
	}
}

func TestPGConcurrentSignUpsOneEmail(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	nodes := []*server{startPGNode(t, db), startPGNode(t, db)}
	client := newPGClient(64)
	for round := range 5 {
		email := fmt.Sprintf("contended-%d@example.test", round)
		replies := make([]pgReply, 64)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range replies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				replies[i] = authCall(context.Background(), client, nodes[i%2].URL, signUpCall(email, fmt.Sprintf("Racer %d", i)))
			}()
		}
		close(start)
		wg.Wait()
		var winners []pgReply
		statuses := map[string]int{}
		for i, r := range replies {
			statuses[fmt.Sprintf("%c:%d %s", 'A'+i%2, r.status, r.code())]++
			switch {
			case r.err == nil && r.status == http.StatusOK:
				winners = append(winners, r)
			case r.err == nil && r.status == http.StatusUnprocessableEntity && r.code() == "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
			default:
				t.Errorf("round %d, sign-up %d on node %c: %v", round, i, 'A'+i%2, r)
			}
		}
		t.Logf("round %d, 64 concurrent sign-ups of %s over two nodes: %v", round, email, statuses)
		if len(winners) != 1 {
			t.Fatalf("round %d: %d sign-ups got 200, want exactly 1", round, len(winners))
		}
		for _, n := range nodes {
			n.ReadToken = winners[0].token
			people := listAll[struct{ ID string }](t, n, "people", url.Values{"email": {email}})
			if len(people) != 1 || people[0].ID != winners[0].userID() {
				t.Errorf("round %d: people with %s: got %+v, want exactly user %s", round, email, people, winners[0].userID())
			}
		}
	}
}

func TestPGProjectorsDoNotDoubleApply(t *testing.T) {
	pg := pgServerURL(t)
	db, rebuilt := newPGDatabase(t, pg), newPGDatabase(t, pg)
	migratePG(t, db)
	nodes := []*server{startPGNode(t, db), startPGNode(t, db)}
	client := newPGClient(16)
	var (
		mu     sync.Mutex
		rounds int
		wg     sync.WaitGroup
	)
	deadline := time.Now().Add(3 * time.Second)
	for w := range 8 {
		home, away := nodes[w%2], nodes[1-w%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				if err := workout(client, home, away, fmt.Sprintf("load-w%d-%04d@example.test", w, i)); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				rounds++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	t.Logf("%d workouts (sign-up, cross-node sign-in, rename, wrong password, cross-node sign-out) over two nodes", rounds)
	waitProjected(t, nodes...)
	people := listAll[struct{ Email, Name string }](t, nodes[1], "people", nil)
	if len(people) != rounds+1 {
		t.Errorf("people: got %d rows, want %d (one per workout plus the sentinel)", len(people), rounds+1)
	}
	for _, p := range people {
		if strings.HasPrefix(p.Email, "load-") && p.Name != "Renamed Worker" {
			t.Errorf("person %s: name %q, want the rename applied", p.Email, p.Name)
		}
	}
	for _, n := range nodes {
		n.Stop()
	}
	rebuildInto(t, db, rebuilt)
	compareOntologies(t, db, rebuilt)
}

// workout is one person's trip over two nodes without sticky routing: sign
// up on home, sign in on away, rename on away, a wrong password on home,
// then sign out on home with the rename's X-Consistency-Token.
func workout(client *http.Client, home, away *server, email string) error {
	var in, rename pgReply // the sign-in (cookie) and the rename (token)
	steps := []struct {
		name string
		node *server
		call func() pgCall
		want int
		keep *pgReply
	}{
		{"sign-up on home", home, func() pgCall { return signUpCall(email, "Load Worker") }, http.StatusOK, nil},
		{"sign-in on away", away, func() pgCall { return signInCall(email, pgPassword) }, http.StatusOK, &in},
		{"rename on away", away, func() pgCall {
			return pgCall{method: http.MethodPost, path: "update-user", body: map[string]string{"name": "Renamed Worker"}, cookie: in.cookie}
		}, http.StatusOK, &rename},
		{"wrong password on home", home, func() pgCall { return signInCall(email, "not the password") }, http.StatusUnauthorized, nil},
		{"sign-out on home with the rename's token", home, func() pgCall {
			return pgCall{method: http.MethodPost, path: "sign-out", body: map[string]string{}, cookie: in.cookie, token: rename.token}
		}, http.StatusOK, nil},
	}
	for _, st := range steps {
		r := authCall(context.Background(), client, st.node.URL, st.call())
		if r.err != nil || r.status != st.want {
			return fmt.Errorf("workout %s, step %q: %v (want status %d)", email, st.name, r, st.want)
		}
		if st.keep != nil {
			*st.keep = r
		}
	}
	return nil
}

// waitProjected makes a sentinel sign-up on the first node after all load
// has been answered — its transaction id is above every earlier one, so its
// position is past every event of the load — and reads with its token on
// every node: afterwards the shared projections hold the whole load.
func waitProjected(t testing.TB, nodes ...*server) string {
	t.Helper()
	email := fmt.Sprintf("sentinel-%d@example.test", time.Now().UnixNano())
	up := authCall(context.Background(), newPGClient(1), nodes[0].URL, signUpCall(email, "Sentinel"))
	mustOK(t, "sentinel sign-up", up)
	for _, n := range nodes {
		pollProjected(t, n, email, up.token)
		n.ReadToken = up.token
		var page struct{ Items []struct{ ID string } }
		n.adminGet(t, "/v1/ontology/people?"+url.Values{"email": {email}}.Encode(), &page)
		if len(page.Items) != 1 {
			t.Fatalf("sentinel %s on %s with its token: %d people, want 1", email, n.URL, len(page.Items))
		}
	}
	return up.token
}
