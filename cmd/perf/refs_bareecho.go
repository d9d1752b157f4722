package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/authledger/authledger/api/cookies"
	"github.com/labstack/echo/v4"
)

// bareEchoRole serves GET /api/auth/get-session with nothing but Echo:
// it reads the signed session cookie, verifies its HMAC with the server's
// secret (the same code the server uses) and answers the body the server
// answered for that session, precomputed. It is the limit get-session is
// compared with: no middleware, no index, no JSON encoding. It prints its
// address once it listens.
func bareEchoRole() error {
	body, err := os.ReadFile(os.Getenv("PERF_BODY_FILE"))
	if err != nil {
		return err
	}
	cfg := cookies.Config{Secret: []byte(os.Getenv("PERF_SECRET"))}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/api/auth/get-session", func(c echo.Context) error {
		if _, ok := cookies.ReadSigned(c.Request(), cfg, cookies.SessionToken); !ok {
			return c.JSONBlob(http.StatusOK, []byte("null"))
		}
		return c.JSONBlob(http.StatusOK, body)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Println(ln.Addr().String())
	return http.Serve(ln, e)
}

// startBareEcho starts the reference server on cpus and returns its base
// URL and a stop function.
func startBareEcho(m machine, cpus, secret, bodyFile string) (string, func(), error) {
	cmd, err := roleCommand(m, cpus, "bare-echo", "PERF_SECRET="+secret, "PERF_BODY_FILE="+bodyFile)
	if err != nil {
		return "", nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		stop()
		return "", nil, fmt.Errorf("bare echo: %w", err)
	}
	return "http://" + strings.TrimSpace(line), stop, nil
}
