package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/labstack/echo/v4"
)

// TestClientGone: only a cancellation seen by a request whose context is
// done is the client going away; a server-side timeout, or a failure while
// the client is still there, keeps its own status.
func TestClientGone(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		canceled bool // the request's context is done
		want     bool
	}{
		{"cancelled, client gone", context.Canceled, true, true},
		{"hash slot wait cancelled", fmt.Errorf("%w: %w", password.ErrBusy, context.Canceled), true, true},
		{"wrapped cancellation", fmt.Errorf("append: %w", context.Canceled), true, true},
		{"cancelled, client still there", context.Canceled, false, false},
		{"server-side timeout", context.DeadlineExceeded, true, false},
		{"hash slots busy", password.ErrBusy, true, false},
		{"other failure, client gone", errors.New("disk full"), true, false},
		{"domain error, client gone", domain.Errorf(domain.CodeUnavailable, "down"), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.canceled {
				cancel()
			}
			r := httptest.NewRequestWithContext(ctx, http.MethodGet, "/", nil)
			c := echo.New().NewContext(r, httptest.NewRecorder())
			if got := clientGone(c, tt.err); got != tt.want {
				t.Errorf("clientGone(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

// TestClientGoneIsNotAServerError: a client that disconnects while its
// request waits (here for a consistency token this node has not reached)
// is counted and logged as 499: no 5xx in the metrics, no ERROR line.
func TestClientGoneIsNotAServerError(t *testing.T) {
	logs := &syncBuffer{}
	h := newHarness(t, func(c *Config) {
		c.WaitTimeout = time.Minute
		c.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	ctx, cancel := context.WithCancel(t.Context())
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, h.http.URL+"/v1/ontology/people", nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Authorization", "Bearer "+adminKey)
	r.Header.Set("X-Consistency-Token", "0.999999") // far ahead of the log
	done := make(chan error, 1)
	go func() {
		res, err := http.DefaultClient.Do(r)
		if err == nil {
			res.Body.Close()
		}
		done <- err
	}()
	time.Sleep(100 * time.Millisecond) // the request is waiting
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("client: %v, want its cancellation", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), "status=499") {
		if time.Now().After(deadline) {
			t.Fatalf("no access line with status 499:\n%s", logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n != 0 {
		t.Errorf("%d ERROR lines for a client that went away:\n%s", n, logs.String())
	}
	fams := scrape(t, h)
	count := func(status string) float64 {
		return sample(fams, "authledger_http_requests_total", map[string]string{"route": "/v1/ontology/people", "status": status})
	}
	if got := count("499"); got != 1 {
		t.Errorf("499 count = %v, want 1", got)
	}
	for _, status := range []string{"500", "503"} { // sample is -1 for a series never created
		if got := count(status); got > 0 {
			t.Errorf("%s count = %v, want none", status, got)
		}
	}
}

// TestStoreOutageIsNotAHashOverload: a 503 because the store is down is an
// ERROR line, and is not counted or warned about as the password-hashing
// overload (errors.Is matches any error with ErrBusy's code; the handler
// must look for ErrBusy itself).
func TestStoreOutageIsNotAHashOverload(t *testing.T) {
	fs := &faultStore{Store: memory.New()}
	logs := &syncBuffer{}
	h := newHarnessOn(t, fs, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	fs.arm("append", 0, fmt.Errorf("disk on fire: %w", eventstore.ErrUnavailable))
	r := h.post("/sign-up/email", `{"email":"alice@example.com","password":"correct horse 1","name":"Alice"}`, nil)
	fs.disarm()
	if r.status != 503 {
		t.Fatalf("sign-up on a store that is down: %d %s", r.status, r.body)
	}
	if !strings.Contains(logs.String(), `level=ERROR msg="request failed"`) {
		t.Errorf("no ERROR line for the outage:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "password hashing overloaded") {
		t.Errorf("the outage was logged as a hashing overload:\n%s", logs.String())
	}
	if got := overloadMetric(t, h); got != 0 {
		t.Errorf("overload metric = %d after a store outage, want 0", got)
	}
}
