package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"
)

// defaultHealthURL is what the container image's HEALTHCHECK probes.
const defaultHealthURL = "http://127.0.0.1:8080/readyz"

// errUnhealthy marks a probe that reached no healthy answer (exit 1).
var errUnhealthy = errors.New("unhealthy")

// healthcheckCmd is "authledger healthcheck [--url U] [--timeout D] [--ca FILE]": one
// GET of a health route, exit 0 on a 2xx answer and 1 on anything else
// (refused connection, timeout, 503 while catching up). It exists because
// the distroless image has no curl or wget for Docker's HEALTHCHECK.
func healthcheckCmd(ctx context.Context, in *invocation) error {
	if len(in.operands) > 0 {
		return fmt.Errorf("%w: healthcheck takes no arguments", errUsage)
	}
	stdout, target, caFile := in.stdout, defaultHealthURL, in.own["ca"]
	if v, ok := in.own["url"]; ok {
		target = v
	}
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: --url must be an absolute http(s) URL", errUsage)
	}
	timeout := 3 * time.Second
	if v, ok := in.own["timeout"]; ok {
		if timeout, err = time.ParseDuration(v); err != nil || timeout <= 0 {
			return fmt.Errorf("%w: --timeout must be a positive duration such as 3s", errUsage)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if caFile != "" {
		pool, err := caPool(caFile)
		if err != nil {
			return fmt.Errorf("%w: --ca: %v", errUsage, err)
		}
		client.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
	}
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

// caPool is the certificates of a PEM file, to trust for a probe.
func caPool(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("no PEM certificate in the file")
	}
	return pool, nil
}
