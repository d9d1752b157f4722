package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// End-to-end tests build the real binary once per test process and run it
// as a child process on a temporary data directory, talking to it over
// loopback HTTP only.

const (
	e2eSecret        = "e2e-test-secret-0123456789abcdefghijklmnopqrstuvwxyz"
	e2eAdminKey      = "e2e-admin-key-0123456789abcdef"
	e2eTrustedOrigin = "http://app.example.test"
	startTimeout     = 30 * time.Second
	stopTimeout      = 15 * time.Second
)

// binaryCache builds the authledger binary at most once per test process.
type binaryCache struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// e2eBinary is the per-process build; TestMain removes its directory.
var e2eBinary binaryCache

// TestMain runs the package's tests, then deletes the binary the end-to-end
// tests built (if any).
func TestMain(m *testing.M) {
	code := m.Run()
	if e2eBinary.dir != "" {
		os.RemoveAll(e2eBinary.dir)
	}
	os.Exit(code)
}

// authledgerBinary returns the path of a freshly built authledger binary,
// skipping in -short mode (the end-to-end tests spawn processes).
func authledgerBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: builds and runs the binary (skipped in -short mode)")
	}
	e2eBinary.once.Do(func() {
		e2eBinary.dir, e2eBinary.err = os.MkdirTemp("", "authledger-e2e-")
		if e2eBinary.err != nil {
			return
		}
		e2eBinary.path = filepath.Join(e2eBinary.dir, "authledger")
		goTool, err := exec.LookPath("go")
		if err != nil {
			e2eBinary.err = fmt.Errorf("go tool not on PATH: %w", err)
			return
		}
		cmd := exec.Command(goTool, "build", "-o", e2eBinary.path, ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			e2eBinary.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if e2eBinary.err != nil {
		t.Fatalf("building authledger: %v", e2eBinary.err)
	}
	return e2eBinary.path
}

// lockedBuffer is a bytes.Buffer safe for the exec copier and the test.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// listenWatcher is the child's stderr: it keeps everything and reports the
// url of the first "authledger listening" log line (slog JSON).
type listenWatcher struct {
	lockedBuffer
	scanned int
	found   chan string
}

func (w *listenWatcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, _ := w.buf.Write(p)
	for w.found != nil {
		rest := w.buf.Bytes()[w.scanned:]
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		w.scanned += i + 1
		var line struct{ Msg, URL string }
		if json.Unmarshal(rest[:i], &line) == nil && line.Msg == "authledger listening" && line.URL != "" {
			w.found <- line.URL
			w.found = nil
		}
	}
	return n, nil
}

// server is one running authledger process.
type server struct {
	t       testing.TB
	bin     string
	DataDir string
	URL     string
	cmd     *exec.Cmd
	stdout  *lockedBuffer
	stderr  *listenWatcher
	exited  chan struct{} // closed when the process has exited
	waitErr error         // valid after exited is closed
	mu      sync.Mutex
	stopped bool // the test asked the process to end
	// ReadToken, when set, goes out as X-Consistency-Token on admin reads,
	// so they wait until the projections have applied that position.
	ReadToken string
}

// serveArgs are the flags every end-to-end server runs with: loopback, a
// free port, no rate limits, a fixed secret, the trusted test origin and the
// admin key.
func serveArgs(dataDir string, extra ...string) []string {
	args := []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir, "--rate-limit", "off",
		"--secret", e2eSecret, "--trusted-origins", e2eTrustedOrigin, "--admin-key", e2eAdminKey,
		"--log-level", "warn"}
	return append(args, extra...)
}

// startServer runs "authledger serve" on dataDir and waits for its
// listening line. The process is stopped (SIGTERM) when the test ends; if it
// died on its own before that, the test fails with its stderr.
func startServer(t testing.TB, dataDir string, extra ...string) *server {
	t.Helper()
	return startServerArgs(t, dataDir, serveArgs(dataDir, extra...))
}

// startServerArgs is startServer with the whole command line given.
func startServerArgs(t testing.TB, dataDir string, args []string) *server {
	t.Helper()
	s := &server{t: t, bin: authledgerBinary(t), DataDir: dataDir, stdout: &lockedBuffer{},
		stderr: &listenWatcher{found: make(chan string, 1)}, exited: make(chan struct{})}
	s.cmd = exec.Command(s.bin, args...)
	s.cmd.Env = cleanEnv()
	s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start authledger: %v", err)
	}
	go func() {
		s.waitErr = s.cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() { s.Stop() })
	select {
	case u := <-s.stderr.found:
		s.URL = u
	case <-s.exited:
		s.markStopped()
		t.Fatalf("authledger exited before listening (%v)\nstdout:\n%s\nstderr:\n%s", s.waitErr, s.stdout.String(), s.stderr.String())
	case <-time.After(startTimeout):
		s.Kill()
		t.Fatalf("authledger did not print its listening line within %s\nstdout:\n%s\nstderr:\n%s", startTimeout, s.stdout.String(), s.stderr.String())
	}
	return s
}

// cleanEnv is the test's environment without AUTHLEDGER_* settings, so a
// developer's shell cannot change what the server under test does.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AUTHLEDGER_") {
			env = append(env, kv)
		}
	}
	return env
}

// markStopped records that the test ends the process; it reports whether
// the process had already exited on its own.
func (s *server) markStopped() (diedEarly bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	already := s.stopped
	s.stopped = true
	if already {
		return false
	}
	select {
	case <-s.exited:
		return true
	default:
		return false
	}
}

// Alive fails the test if the process has exited without being asked to.
func (s *server) Alive() {
	s.t.Helper()
	select {
	case <-s.exited:
		s.mu.Lock()
		stopped := s.stopped
		s.mu.Unlock()
		if !stopped {
			s.t.Fatalf("authledger died unexpectedly (%v)\nstderr:\n%s", s.waitErr, s.stderr.String())
		}
	default:
	}
}

// Stop sends SIGTERM and waits for a clean exit (status 0), escalating to
// SIGKILL after stopTimeout. It is idempotent.
func (s *server) Stop() {
	s.t.Helper()
	if s.markStopped() {
		s.t.Errorf("authledger died unexpectedly (%v)\nstderr:\n%s", s.waitErr, s.stderr.String())
		return
	}
	select {
	case <-s.exited:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
		if s.waitErr != nil {
			s.t.Errorf("authledger did not exit cleanly on SIGTERM: %v\nstderr:\n%s", s.waitErr, s.stderr.String())
		}
	case <-time.After(stopTimeout):
		_ = s.cmd.Process.Kill()
		<-s.exited
		s.t.Errorf("authledger ignored SIGTERM for %s; killed\nstderr:\n%s", stopTimeout, s.stderr.String())
	}
}

// Kill ends the process with SIGKILL (no shutdown at all) and waits for it.
func (s *server) Kill() {
	s.t.Helper()
	if s.markStopped() {
		s.t.Errorf("authledger died before SIGKILL (%v)\nstderr:\n%s", s.waitErr, s.stderr.String())
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
}

// Stderr returns what the process wrote to stderr so far.
func (s *server) Stderr() string { return s.stderr.String() }

// runAuthledger runs a one-shot subcommand of the binary and returns its
// combined output, failing the test on a non-zero exit.
func runAuthledger(t testing.TB, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, authledgerBinary(t), args...)
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("authledger %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// adminGet GETs path with the admin key and decodes a 200 JSON body into out.
func (s *server) adminGet(t testing.TB, path string, out any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e2eAdminKey)
	if s.ReadToken != "" {
		req.Header.Set("X-Consistency-Token", s.ReadToken)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.Alive()
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	var body bytes.Buffer
	body.ReadFrom(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, body %s", path, res.StatusCode, body.String())
	}
	if err := json.Unmarshal(body.Bytes(), out); err != nil {
		t.Fatalf("GET %s: decoding %s: %v", path, body.String(), err)
	}
}

// listAll pages through /v1/ontology/<dim> with the given filters and
// returns every item.
func listAll[T any](t testing.TB, s *server, dim string, filters url.Values) []T {
	t.Helper()
	var all []T
	q := url.Values{}
	for k, v := range filters {
		q[k] = v
	}
	q.Set("limit", "1000")
	for pages := 0; ; pages++ {
		if pages > 10000 {
			t.Fatalf("listing %s: more than 10000 pages", dim)
		}
		var page struct {
			Items []T    `json:"items"`
			Next  string `json:"next"`
		}
		s.adminGet(t, "/v1/ontology/"+dim+"?"+q.Encode(), &page)
		all = append(all, page.Items...)
		if page.Next == "" {
			return all
		}
		q.Set("cursor", page.Next)
	}
}

// authResult is the outcome of one Better Auth call.
type authResult struct {
	Status int
	Body   []byte
	Token  string // X-Consistency-Token
	Err    error  // transport error or truncated body: the outcome is unknown
}

// authPost POSTs a JSON body to /api/auth/<path> as a browser on the
// trusted origin would (no cookies).
func authPost(ctx context.Context, client *http.Client, baseURL, path string, body any) authResult {
	b, err := json.Marshal(body)
	if err != nil {
		return authResult{Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/api/auth/"+path, bytes.NewReader(b))
	if err != nil {
		return authResult{Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", e2eTrustedOrigin)
	res, err := client.Do(req)
	if err != nil {
		return authResult{Err: err}
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(res.Body)
	return authResult{Status: res.StatusCode, Body: buf.Bytes(), Token: res.Header.Get("X-Consistency-Token"), Err: err}
}
