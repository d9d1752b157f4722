package ratelimit_test

import (
	"fmt"
	"net/http/httptest"
	"net/netip"
	"time"

	"github.com/authledger/authledger/api/ratelimit"
)

func ExampleLimiter_Allow() {
	limiter := ratelimit.New(nil, 0)
	r := httptest.NewRequest("POST", "/api/auth/sign-in/email", nil)
	r.RemoteAddr = "203.0.113.7:5000"
	r.Header.Set("X-Forwarded-For", "198.51.100.1") // ignored: the peer is no trusted proxy
	ip := ratelimit.ClientIP(r, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")})

	now := time.Date(2026, 11, 27, 9, 12, 19, 0, time.UTC)
	for range 4 {
		ok, retry := limiter.Allow(ip, "/sign-in/email", now)
		if !ok {
			fmt.Println(ip, "limited, retry after", ratelimit.RetrySeconds(retry), "s")
			continue
		}
		fmt.Println(ip, "allowed")
	}
	// Output:
	// 203.0.113.7 allowed
	// 203.0.113.7 allowed
	// 203.0.113.7 allowed
	// 203.0.113.7 limited, retry after 10 s
}
