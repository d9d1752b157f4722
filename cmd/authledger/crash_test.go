package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "modernc.org/sqlite"
)

// Crash test: SIGKILL the binary in the middle
// of concurrent sign-ups, restart it on the same data directory, and check
// that every acknowledged sign-up survived, no email is taken twice, and the
// live projections equal a fresh rebuild from the log.

const (
	crashWorkers     = 16
	crashMinLoad     = 1500 * time.Millisecond // run the load at least this long…
	crashMinAcked    = 50                      // …and until this many sign-ups got a 200…
	crashMaxLoad     = 10 * time.Second        // …but never longer than this
	crashPassword    = "zebra lantern orbit 42"
	crashDupEvery    = 4 // every 4th attempt of each worker uses a shared email
	crashMaxAttempts = 20000
)

// crashHashArgs make Argon2id cheap so the load is the log, not the hash.
var crashHashArgs = []string{"--argon2-memory", "64", "--argon2-time", "1", "--max-hashes", "64"}

// signUpOutcome is what one sign-up attempt observed.
type signUpOutcome struct {
	email  string
	status int    // 0: no response (in flight at the kill)
	userID string // from a complete 200 body
	body   string // for unexpected statuses
}

func TestCrashDuringSignUps(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, crashHashArgs...)
	outcomes := signUpUntilKilled(t, s)
	acked := checkLoad(t, outcomes)
	if t.Failed() {
		return
	}

	s2 := startServer(t, dir, crashHashArgs...)
	s2.ReadToken = signInAll(t, s2, acked)
	checkPeople(t, s2, acked)
	s2.Stop()

	rebuilt := filepath.Join(t.TempDir(), "rebuilt")
	if err := os.CopyFS(rebuilt, os.DirFS(dir)); err != nil { // the server is stopped: the files are quiet
		t.Fatal(err)
	}
	out := runAuthledger(t, "projections", "rebuild", "--data-dir", rebuilt, "--secret", e2eSecret, "--log-level", "warn")
	t.Logf("projections rebuild on the copy: %s", lastLine(out))
	compareReadStores(t, filepath.Join(dir, "ontology.db"), filepath.Join(rebuilt, "ontology.db"))
}

// signUpUntilKilled runs crashWorkers sign-up loops against s and SIGKILLs
// the server while they are still sending.
func signUpUntilKilled(t *testing.T, s *server) []signUpOutcome {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	client := &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: crashWorkers, DisableCompression: true}}
	defer client.CloseIdleConnections()
	var (
		mu    sync.Mutex
		all   []signUpOutcome
		acked int
		wg    sync.WaitGroup
	)
	for w := range crashWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < crashMaxAttempts && ctx.Err() == nil; i++ {
				o := signUpOnce(ctx, client, s.URL, crashEmail(w, i))
				mu.Lock()
				all = append(all, o)
				if o.status == http.StatusOK {
					acked++
				}
				mu.Unlock()
			}
		}()
	}
	start := time.Now()
	for {
		time.Sleep(50 * time.Millisecond)
		mu.Lock()
		n := acked
		mu.Unlock()
		elapsed := time.Since(start)
		if (elapsed >= crashMinLoad && n >= crashMinAcked) || elapsed >= crashMaxLoad {
			break
		}
	}
	s.Kill()
	cancel()
	wg.Wait()
	t.Logf("SIGKILL after %s of load", time.Since(start).Round(time.Millisecond))
	return all
}

// crashEmail is worker w's i-th email: mostly unique, every crashDupEvery-th
// one shared by all workers, so they race for the same address.
func crashEmail(w, i int) string {
	if i%crashDupEvery == crashDupEvery-1 {
		return fmt.Sprintf("dup-%05d@example.test", i/crashDupEvery)
	}
	return fmt.Sprintf("crash-w%02d-%05d@example.test", w, i)
}

func signUpOnce(ctx context.Context, client *http.Client, baseURL, email string) signUpOutcome {
	r := authPost(ctx, client, baseURL, "sign-up/email",
		map[string]string{"name": "Load Worker", "email": email, "password": crashPassword})
	o := signUpOutcome{email: email, status: r.Status}
	if r.Status == http.StatusOK && r.Err == nil {
		var body struct {
			User struct{ ID string } `json:"user"`
		}
		if json.Unmarshal(r.Body, &body) == nil {
			o.userID = body.User.ID
		}
	} else if r.Status != 0 {
		o.body = string(r.Body)
	}
	return o
}

// checkLoad checks what the clients saw before the kill and returns the
// acknowledged emails with their user ids ("" if the body was cut off).
func checkLoad(t *testing.T, outcomes []signUpOutcome) map[string]string {
	t.Helper()
	acked := map[string]string{}
	counts := map[int]int{}
	for _, o := range outcomes {
		counts[o.status]++
		switch {
		case o.status == http.StatusOK:
			if _, dup := acked[o.email]; dup {
				t.Errorf("email %s: two sign-ups got 200", o.email)
			}
			acked[o.email] = o.userID
		case o.status == http.StatusUnprocessableEntity && strings.HasPrefix(o.email, "dup-"):
		case o.status == 0:
		default:
			if counts[o.status] <= 3 {
				t.Errorf("sign-up %s: status %d, body %s", o.email, o.status, o.body)
			}
		}
	}
	t.Logf("sign-up attempts: %d; by status (0 = no response, in flight at the kill): %v; acknowledged: %d distinct emails",
		len(outcomes), counts, len(acked))
	if len(acked) < crashMinAcked {
		t.Errorf("only %d sign-ups acknowledged before the kill, want ≥ %d for a meaningful test", len(acked), crashMinAcked)
	}
	return acked
}

// signInAll signs every acknowledged email in after the restart and returns
// the consistency token of a final sign-in made after all of them.
func signInAll(t *testing.T, s *server, acked map[string]string) string {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	emails := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for email := range emails {
				if msg := signInCheck(client, s.URL, email, acked[email]); msg != "" {
					mu.Lock()
					if failures++; failures <= 5 {
						t.Errorf("after restart, %s", msg)
					}
					mu.Unlock()
				}
			}
		}()
	}
	var last string
	for email := range acked {
		emails <- email
		last = email
	}
	close(emails)
	wg.Wait()
	s.Alive()
	if failures > 0 {
		t.Fatalf("%d of %d acknowledged sign-ups cannot sign in after the restart", failures, len(acked))
	}
	r := authPost(context.Background(), client, s.URL, "sign-in/email", map[string]string{"email": last, "password": crashPassword})
	if r.Status != http.StatusOK || r.Token == "" {
		t.Fatalf("final sign-in %s: status %d token %q err %v body %s", last, r.Status, r.Token, r.Err, r.Body)
	}
	t.Logf("all %d acknowledged sign-ups signed in after the restart", len(acked))
	return r.Token
}

// signInCheck signs email in and returns "" or what went wrong.
func signInCheck(client *http.Client, baseURL, email, wantID string) string {
	r := authPost(context.Background(), client, baseURL, "sign-in/email", map[string]string{"email": email, "password": crashPassword})
	if r.Err != nil || r.Status != http.StatusOK {
		return fmt.Sprintf("sign-in %s: status %d, err %v, body %s", email, r.Status, r.Err, r.Body)
	}
	var body struct {
		User struct{ ID string } `json:"user"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil || (wantID != "" && body.User.ID != wantID) {
		return fmt.Sprintf("sign-in %s: user id %q, want %q (%v)", email, body.User.ID, wantID, err)
	}
	return ""
}

// checkPeople pages through every person: no email twice, every
// acknowledged email present with the id its sign-up returned.
func checkPeople(t *testing.T, s *server, acked map[string]string) {
	t.Helper()
	type person struct{ ID, Email string }
	people := listAll[person](t, s, "people", nil)
	byEmail := map[string][]string{}
	for _, p := range people {
		byEmail[p.Email] = append(byEmail[p.Email], p.ID)
	}
	for email, ids := range byEmail {
		if len(ids) > 1 {
			t.Errorf("email %s is taken by %d people: %v", email, len(ids), ids)
		}
	}
	for email, id := range acked {
		got := byEmail[email]
		if len(got) == 0 || (id != "" && got[0] != id) {
			t.Errorf("acknowledged sign-up %s (user %s): people rows %v", email, id, got)
		}
	}
	t.Logf("people after restart: %d (acknowledged %d; the rest were in flight at the kill)", len(people), len(acked))
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// readStoreTables are the tables compared, each with its ORDER BY and the
// columns left out. checkpoints.updated_at is the wall-clock time of the
// read-store transaction that last moved the checkpoint: the live runner and
// the rebuild commit at different moments by nature, and it is derived from
// no event. Every other column is a function of the log and must match.
var readStoreTables = []struct {
	name, order string
	skip        []string
}{
	{"groups", "id", nil},
	{"people", "id", nil},
	{"things", "id", nil},
	{"connections", "id", nil},
	{"events", "seq", nil},
	{"knowledge", "subject_id, key", nil},
	{"checkpoints", "projector", []string{"updated_at"}},
}

// compareReadStores diffs every table of two ontology.db files.
func compareReadStores(t *testing.T, live, rebuilt string) {
	t.Helper()
	a, b := openReadOnly(t, live), openReadOnly(t, rebuilt)
	for _, tb := range readStoreTables {
		got, want := dumpTable(t, a, tb.name, tb.order, tb.skip), dumpTable(t, b, tb.name, tb.order, tb.skip)
		if diff := cmp.Diff(got, want); diff != "" {
			if len(diff) > 4000 {
				diff = diff[:4000] + "\n…(cut)"
			}
			t.Errorf("table %s: live (after crash and restart) differs from a fresh rebuild (-live +rebuilt):\n%s", tb.name, diff)
			continue
		}
		t.Logf("table %s: %d rows identical", tb.name, len(got))
	}
}

func openReadOnly(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// dumpTable returns every row as "col=value" strings, minus skipped columns.
func dumpTable(t *testing.T, db *sql.DB, table, order string, skip []string) [][]string {
	t.Helper()
	rows, err := db.Query("SELECT * FROM " + table + " ORDER BY " + order)
	if err != nil {
		t.Fatalf("dump %s: %v", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, 0, len(cols))
		for i, c := range cols {
			if !slices.Contains(skip, c) {
				row = append(row, fmt.Sprintf("%s=%v", c, vals[i]))
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
