package webhook

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/authledger/authledger/api/webhook/sign"
)

// TestSendUsesTheGivenID: Send signs under the caller's message id (an
// event id, so receivers deduplicate) and reports the receiver's status,
// a redirect included (never followed); the guarded dialer refuses the
// loopback receiver without AllowPrivate.
func TestSendUsesTheGivenID(t *testing.T) {
	secret, _ := sign.ParseSecret(testSecret)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := secret.Verify(r.Header.Get(sign.HeaderID), r.Header.Get(sign.HeaderTimestamp),
			r.Header.Get(sign.HeaderSignature), body, time.Now()); err != nil || r.Header.Get(sign.HeaderID) != "evt-1" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/redirect":
			http.Redirect(w, r, "http://169.254.169.254/", http.StatusFound)
		case "/down":
			w.WriteHeader(http.StatusInternalServerError)
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	t.Cleanup(srv.Close)
	tests := []struct {
		path         string
		allowPrivate bool
		status       int
		err          error
	}{
		{"/ok", true, 204, nil},
		{"/down", true, 500, &StatusError{}},
		{"/redirect", true, 302, &StatusError{}},
		{"/ok", false, 0, ErrForbiddenAddress},
	}
	for _, tt := range tests {
		c, err := New(Config{URL: srv.URL + tt.path, Secret: secret, AllowPrivate: tt.allowPrivate})
		if err != nil {
			t.Fatal(err)
		}
		status, err := c.Send(context.Background(), "evt-1", []byte(`{"type":"t"}`))
		var se *StatusError
		switch {
		case status != tt.status:
			t.Errorf("%s private=%v: status %d, want %d (%v)", tt.path, tt.allowPrivate, status, tt.status, err)
		case tt.err == nil && err != nil:
			t.Errorf("%s: %v", tt.path, err)
		case errors.Is(tt.err, ErrForbiddenAddress) && !errors.Is(err, ErrForbiddenAddress):
			t.Errorf("%s: %v, want a forbidden address", tt.path, err)
		case tt.err != nil && !errors.Is(tt.err, ErrForbiddenAddress) && !errors.As(err, &se):
			t.Errorf("%s: %v, want a status error", tt.path, err)
		}
	}
}

// TestCheckEndpoint: literal forbidden addresses and names resolving to
// them are refused unless private addresses are allowed.
func TestCheckEndpoint(t *testing.T) {
	tests := []struct {
		url          string
		allowPrivate bool
		ok           bool
	}{
		{"https://8.8.8.8/in", false, true},
		{"http://127.0.0.1:8080/in", false, false},
		{"http://127.0.0.1:8080/in", true, true},
		{"http://[::1]/in", false, false},
		{"http://[::ffff:10.0.0.1]/in", false, false},
		{"http://169.254.169.254/latest/meta-data", false, false},
		{"http://localhost/in", false, false},
		{"ftp://8.8.8.8/in", true, false},
		{"https://user:pw@8.8.8.8/in", true, false},
	}
	for _, tt := range tests {
		err := CheckEndpoint(context.Background(), tt.url, tt.allowPrivate)
		if (err == nil) != tt.ok {
			t.Errorf("CheckEndpoint(%s, %v) = %v, want ok=%v", tt.url, tt.allowPrivate, err, tt.ok)
		}
	}
}
