package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// server is a running `authledger serve` on SQLite with the rate limits off.
type server struct {
	URL    string
	Secret string
	cmd    *exec.Cmd
}

// startServer starts the built server pinned to cpus in a fresh data
// directory under dir; extra are further serve flags.
func startServer(ctx context.Context, o Options, m machine, cpus, dir string, extra ...string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	secret := make([]byte, 24)
	_, _ = rand.Read(secret)
	s := &server{URL: "http://127.0.0.1:" + strconv.Itoa(port), Secret: hex.EncodeToString(secret)}
	data := filepath.Join(dir, "data")
	args := append([]string{o.Binary, "serve", "--addr", "127.0.0.1:" + strconv.Itoa(port), "--data-dir", data,
		"--rate-limit", "off", "--log-level", "info"}, extra...)
	argv := m.pinned(cpus, args...)
	s.cmd = exec.CommandContext(ctx, argv[0], argv[1:]...)
	// the secret goes through the environment, never the command line
	s.cmd.Env = append(os.Environ(), "AUTHLEDGER_SECRET="+s.Secret)
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	for i := 0; ; i++ {
		res, err := http.Get(s.URL + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s, nil
			}
		}
		if i > 300 {
			s.stop()
			return nil, fmt.Errorf("server did not become healthy (see %s)", logf.Name())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

// signUp makes an account and returns its session cookie header.
func (s *server) signUp(email, password string) (string, error) {
	body := fmt.Sprintf(`{"email":%q,"password":%q,"name":"Perf"}`, email, password)
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/auth/sign-up/email", bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", s.URL)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != 200 {
		return "", fmt.Errorf("sign-up: status %d", res.StatusCode)
	}
	for _, c := range res.Cookies() {
		if c.Name == "better-auth.session_token" {
			return c.Name + "=" + c.Value, nil
		}
	}
	return "", fmt.Errorf("sign-up: no session cookie")
}

// get fetches path with the cookie and returns the body.
func (s *server) get(path, cookie string) ([]byte, error) {
	req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
	req.Header.Set("Cookie", cookie)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != 200 {
		err = fmt.Errorf("%s: status %d", path, res.StatusCode)
	}
	return b, err
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
