package main

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	api "github.com/authledger/authledger/api/httpapi"
)

// listenManagement opens the --management-addr listener; nil when none
// is configured.
func listenManagement(addr string) (net.Listener, error) {
	if addr == "" {
		return nil, nil
	}
	return net.Listen("tcp", addr)
}

// serveManagement serves /metrics, /healthz and /readyz without a key on
// ln (nil: nothing) until ctx ends or the returned stop is called; stop
// shuts it down and closes ln.
func serveManagement(ctx context.Context, a *app, srv *api.Server, ln net.Listener, stderr io.Writer) (stop func()) {
	if ln == nil {
		return func() {}
	}
	hs := &http.Server{Handler: srv.ManagementHandler(), ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 15 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second}
	notices(stderr).Info("authledger management listening", "addr", ln.Addr().String())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("management listener stopped", "err", err)
		}
	}()
	stopped := context.AfterFunc(ctx, func() { _ = hs.Close() })
	return func() {
		stopped()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
		<-done
	}
}
