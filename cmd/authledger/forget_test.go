package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// erasureSubject is the personal data of the person the erasure tests
// forget: every value is unique to them, so finding it anywhere after the
// erasure is a leak.
var erasureSubject = struct{ Email, Name, IP, UA string }{
	Email: "zelda.erasure-subject@example.org", Name: "Zelda Quixotewright",
	IP: "198.51.100.77", UA: "ErasureSubjectAgent/9.9 (unique)",
}

// erasureArgs: cheap hashing, info logs (so the scan covers them) and the
// loopback proxy trusted, so X-Forwarded-For sets the subject's IP.
func erasureArgs() []string {
	return append([]string{"--trusted-proxies", "127.0.0.1/32", "--log-level", "debug"}, crashHashArgs...)
}

// TestForgetSQLite: after POST /v1/people/:id/forget the raw SQLite files
// (events.db, ontology.db and their -wal files) and the server log hold
// none of the person's email, name, IP address or user agent; their
// sessions are dead; the email can sign up again; the audit rows keep the
// person's id, the types and the times.
func TestForgetSQLite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, erasureArgs()...)
	id, cookie := erasureSetup(t, s)
	requireFound(t, dataDirSources(t, dir, s.Stderr()))
	erasureForget(t, s, id)
	requireAbsent(t, dataDirSources(t, dir, s.Stderr()))
	s.Stop() // closing checkpoints the WALs into the database files
	requireAbsent(t, dataDirSources(t, dir, s.Stderr()))
	if out := runAuthledger(t, "audit", "verify", "--data-dir", dir, "--secret", e2eSecret); !strings.Contains(out, `"ok": true`) {
		t.Errorf("audit verify after the erasure: %s", out)
	}
	s = startServer(t, dir, erasureArgs()...)
	checkAfterErasure(t, s, id, cookie)
}

// erasureSetup signs the subject (and a bystander) up, signs the subject
// in again and returns their id and session cookie.
func erasureSetup(t *testing.T, s *server) (id, cookie string) {
	t.Helper()
	sub := erasureSubject
	res := erasureCall(t, s, "/api/auth/sign-up/email", map[string]any{"email": sub.Email, "password": "correct horse battery", "name": sub.Name})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("sign-up: %d", res.StatusCode)
	}
	var body struct {
		User struct{ ID string } `json:"user"`
	}
	decodeBody(t, res, &body)
	id = body.User.ID
	if r := callFrom(t, s, "/api/auth/sign-up/email", map[string]any{"email": "bystander@example.org",
		"password": "correct horse battery", "name": "By Stander"}, "192.0.2.1", "Bystander/1.0"); r.StatusCode != http.StatusOK {
		t.Fatalf("bystander sign-up: %d", r.StatusCode)
	}
	res = erasureCall(t, s, "/api/auth/sign-in/email", map[string]any{"email": sub.Email, "password": "correct horse battery"})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	for _, c := range res.Cookies() {
		if strings.HasSuffix(c.Name, "session_token") {
			cookie = c.Name + "=" + c.Value
		}
	}
	return id, cookie
}

// erasureForget erases the person through POST /v1/people/:id/forget and
// makes the server's later reads wait for the erasure.
func erasureForget(t *testing.T, s *server, id string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/v1/people/"+id+"/forget", nil)
	req.Header.Set("Authorization", "Bearer "+e2eAdminKey)
	fr, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	fr.Body.Close()
	if fr.StatusCode != http.StatusOK {
		t.Fatalf("forget: %d", fr.StatusCode)
	}
	s.ReadToken = fr.Header.Get("X-Consistency-Token")
}

// erasureCall POSTs a Better Auth body from the subject's IP and agent.
func erasureCall(t *testing.T, s *server, path string, body any) *http.Response {
	t.Helper()
	return callFrom(t, s, path, body, erasureSubject.IP, erasureSubject.UA)
}

// callFrom POSTs a Better Auth body from the given IP and agent.
func callFrom(t *testing.T, s *server, path string, body any, ip, ua string) *http.Response {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, s.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", e2eTrustedOrigin)
	req.Header.Set("X-Forwarded-For", ip)
	req.Header.Set("User-Agent", ua)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

func decodeBody(t *testing.T, res *http.Response, out any) {
	t.Helper()
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

// erasureNeedles are the byte strings that must not survive an erasure.
func erasureNeedles() []string {
	sub := erasureSubject
	return []string{sub.Email, sub.Name, sub.IP, sub.UA}
}

// dataDirSources reads every file of the data directory (databases,
// WALs, keys) and names the server log, as scan sources.
func dataDirSources(t *testing.T, dir, log string) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no files in %s: %v", dir, err)
	}
	src := map[string][]byte{"server log": []byte(log)}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src[filepath.Base(f)] = b
	}
	return src
}

// locate returns, for each needle, the names of the sources holding it.
func locate(needles []string, sources map[string][]byte) map[string][]string {
	at := map[string][]string{}
	for name, b := range sources {
		for _, n := range needles {
			if bytes.Contains(b, []byte(n)) {
				at[n] = append(at[n], name)
			}
		}
	}
	return at
}

// requireFound fails unless every needle is somewhere in the sources: a
// scan that finds nothing after the erasure only means something if the
// same scan found the data before it.
func requireFound(t *testing.T, sources map[string][]byte) {
	t.Helper()
	requireFoundIn(t, erasureNeedles(), sources)
}

// requireAbsent fails for every needle found in a source.
func requireAbsent(t *testing.T, sources map[string][]byte) {
	t.Helper()
	requireAbsentIn(t, erasureNeedles(), sources)
}

// checkAfterErasure: dead session, audit rows kept (ids, types, times),
// no people/things rows, and the email free again.
func checkAfterErasure(t *testing.T, s *server, id, cookie string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/auth/get-session", nil)
	req.Header.Set("Cookie", cookie)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if strings.TrimSpace(string(b)) != "null" {
		t.Errorf("erased person's session still answers: %d %s", res.StatusCode, b)
	}
	type row struct {
		Type       string    `json:"type"`
		Subject    string    `json:"subject"`
		OccurredAt time.Time `json:"occurredAt"`
	}
	rows := listAll[row](t, s, "events", url.Values{"subject": {id}})
	types := map[string]bool{}
	for _, r := range rows {
		if r.OccurredAt.IsZero() {
			t.Errorf("audit row without time: %+v", r)
		}
		types[r.Type] = true
	}
	for _, want := range []string{"person.signed_up", "account.sign_in_succeeded", "session.revoked", "person.erased"} {
		if !types[want] {
			t.Errorf("audit rows of %s: no %s (got %v)", id, want, types)
		}
	}
	if people := listAll[row](t, s, "people", url.Values{"id": {id}}); len(people) != 0 {
		t.Errorf("people rows after erasure: %+v", people)
	}
	r := callFrom(t, s, "/api/auth/sign-up/email", map[string]any{"email": erasureSubject.Email,
		"password": "another good passphrase", "name": "New Owner"}, "192.0.2.2", "NewOwner/1.0")
	if r.StatusCode != http.StatusOK {
		t.Errorf("sign-up again with the erased email: %d", r.StatusCode)
	}
}

// TestForgetCommand: "authledger forget <id>" on a stopped server's data
// directory erases like the admin route, and a second run is a no-op.
func TestForgetCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, erasureArgs()...)
	res := erasureCall(t, s, "/api/auth/sign-up/email", map[string]any{"email": erasureSubject.Email,
		"password": "correct horse battery", "name": erasureSubject.Name})
	var body struct {
		User struct{ ID string } `json:"user"`
	}
	decodeBody(t, res, &body)
	s.Stop()
	requireFound(t, dataDirSources(t, dir, s.Stderr()))
	args := []string{"forget", "--data-dir", dir, "--secret", e2eSecret}
	out := runAuthledger(t, append(args, body.User.ID)...)
	if !strings.Contains(out, "erased at position") {
		t.Errorf("forget output: %s", out)
	}
	if out := runAuthledger(t, append(args, body.User.ID)...); !strings.Contains(out, "already erased") {
		t.Errorf("second forget output: %s", out)
	}
	requireAbsent(t, dataDirSources(t, dir, s.Stderr()+out))
}
