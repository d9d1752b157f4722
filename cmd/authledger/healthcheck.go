package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// defaultHealthURL is what the container image's HEALTHCHECK probes.
const defaultHealthURL = "http://127.0.0.1:8080/readyz"

// errUnhealthy marks a probe that reached no healthy answer (exit 1).
var errUnhealthy = errors.New("unhealthy")

// healthcheckCmd is "authledger healthcheck [--url U] [--timeout D]": one
// GET of a health route, exit 0 on a 2xx answer and 1 on anything else
// (refused connection, timeout, 503 while catching up). It exists because
// the distroless image has no curl or wget for Docker's HEALTHCHECK.
func healthcheckCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	target := fs.String("url", defaultHealthURL, "health route to probe (/readyz or /healthz of this node)")
	timeout := fs.Duration("timeout", 3*time.Second, "bound of the whole probe")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: healthcheck takes no arguments", errUsage)
	}
	u, err := url.Parse(*target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: --url must be an absolute http(s) URL", errUsage)
	}
	if *timeout <= 0 {
		return fmt.Errorf("%w: --timeout must be positive", errUsage)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %v", errUnhealthy, err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("%w: %s answered %d", errUnhealthy, u.Redacted(), res.StatusCode)
	}
	fmt.Fprintln(stdout, "healthy:", u.Redacted(), res.StatusCode)
	return nil
}
