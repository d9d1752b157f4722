package webhook

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/authledger/authledger/api/webhook/sign"
)

func TestForbidden(t *testing.T) {
	tests := []struct {
		addr      string
		forbidden bool
	}{
		{"127.0.0.1", true},
		{"127.8.9.10", true},
		{"::1", true},
		{"10.1.2.3", true},
		{"172.16.0.1", true},
		{"192.168.1.1", true},
		{"169.254.169.254", true}, // cloud metadata
		{"fd00:ec2::254", true},   // AWS metadata over IPv6
		{"fe80::1", true},
		{"100.100.100.200", true}, // shared address space (Alibaba metadata)
		{"0.0.0.0", true},
		{"::", true},
		{"224.0.0.1", true},
		{"255.255.255.255", true},
		{"::ffff:127.0.0.1", true},
		{"::ffff:10.0.0.1", true},
		{"64:ff9b::a9fe:a9fe", true}, // NAT64 of 169.254.169.254
		{"2002:7f00:1::", true},      // 6to4 of 127.0.0.1
		{"93.184.215.14", false},
		{"8.8.8.8", false},
		{"2606:4700:4700::1111", false},
		{"::ffff:8.8.8.8", false},
	}
	for _, tt := range tests {
		if got := Forbidden(netip.MustParseAddr(tt.addr)); got != tt.forbidden {
			t.Errorf("Forbidden(%s) = %v, want %v", tt.addr, got, tt.forbidden)
		}
	}
}

// TestClientRefusesLoopbackAtConnectTime: a real endpoint on loopback is
// refused before any byte is sent, whatever the URL's host spelling; with
// AllowPrivate it is reached.
func TestClientRefusesLoopbackAtConnectTime(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits++
		_, _ = w.Write([]byte(`{"allow":true}`))
	}))
	defer srv.Close()
	secret, _ := sign.ParseSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	_, p, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for _, u := range []string{srv.URL, "http://localhost:" + p, "http://[::ffff:127.0.0.1]:" + p} {
		c, err := New(Config{URL: u, Secret: secret})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Post(context.Background(), []byte(`{}`)); !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("Post to %s = %v, want ErrForbiddenAddress", u, err)
		}
	}
	if hits != 0 {
		t.Fatalf("the loopback endpoint was reached %d times", hits)
	}
	c, _ := New(Config{URL: srv.URL, Secret: secret, AllowPrivate: true})
	if _, err := c.Post(context.Background(), []byte(`{}`)); err != nil || hits != 1 {
		t.Fatalf("with AllowPrivate: %v, %d hits", err, hits)
	}
}

func TestCheckURL(t *testing.T) {
	for _, tt := range []struct {
		url string
		ok  bool
	}{
		{"https://hooks.example.com/before", true},
		{"http://10.0.0.5:8080/x", true}, // refused at connect time, not here
		{"ftp://example.com/", false},
		{"https://user:pw@example.com/", false},
		{"https:///nohost", false},
		{"https://example.com/#frag", false},
		{"::", false},
	} {
		if err := CheckURL(tt.url); (err == nil) != tt.ok {
			t.Errorf("CheckURL(%q) = %v, want ok=%v", tt.url, err, tt.ok)
		}
	}
}
