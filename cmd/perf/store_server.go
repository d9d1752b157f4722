package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// storeServer is one "authledger serve" process started by a store suite.
type storeServer struct {
	cmd  *exec.Cmd
	url  string
	done chan error
}

// storeOrigin is the trusted origin the store suites send with their
// requests (the server refuses cross-site POSTs without one).
const storeOrigin = "http://perf.invalid"

// storeSecret returns a fresh random secret for one server (≥ 32 bytes, as
// --secret requires); it is handed to the child process only.
func storeSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// storeStart runs the binary's serve command on dataDir under secret
// (handed over in the environment, like the database URLs) with the extra
// environment and flags, and waits for its "authledger listening" log line.
func storeStart(ctx context.Context, bin, dataDir, secret string, env []string, extra ...string) (*storeServer, error) {
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir, "--rate-limit", "off",
		"--trusted-origins", storeOrigin, "--log-level", "warn"}, extra...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(append(storeEnv(), env...), "AUTHLEDGER_SECRET="+secret)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &storeServer{cmd: cmd, done: make(chan error, 1)}
	found := make(chan string, 1)
	go storeWatch(stderr, found)
	go func() { s.done <- cmd.Wait() }()
	select {
	case s.url = <-found:
		return s, nil
	case err := <-s.done:
		return nil, fmt.Errorf("authledger serve exited before listening: %v", err)
	case <-time.After(60 * time.Second):
		s.stop()
		return nil, errors.New("authledger serve did not listen within 60s")
	}
}

// storeWatch sends the URL of the first listening line on found and then
// discards the rest of the log (warnings only, at --log-level warn).
func storeWatch(r io.Reader, found chan<- string) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		var line struct{ Msg, URL string }
		if found != nil && json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "authledger listening" && line.URL != "" {
			found <- line.URL
			found = nil
		}
	}
	_, _ = io.Copy(io.Discard, r)
}

// stop ends the server gracefully (SIGTERM), killing it after 10s.
func (s *storeServer) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// storeEnv is the harness's environment without AUTHLEDGER_* settings, so
// the caller's shell cannot change what the measured server does.
func storeEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AUTHLEDGER_") {
			env = append(env, kv)
		}
	}
	return env
}
