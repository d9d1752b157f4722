package main

import (
	"bytes"
	"net/http"
	"path/filepath"
	"slices"
	"testing"
)

// TestDefaultRateLimitThroughTheBinary: started without --rate-limit (the
// only end-to-end server that is: the others turn the limits off), the
// binary applies Better Auth's sign-in limit of 3 per 10 s per client
// address: the 4th wrong sign-in within the window is a 429 with
// X-Retry-After, not another 401.
func TestDefaultRateLimitThroughTheBinary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	args := serveArgs(dir)
	i := slices.Index(args, "--rate-limit")
	if i < 0 || args[i+1] != "off" {
		t.Fatalf("serveArgs no longer turns the limits off: %v", args)
	}
	s := startServerArgs(t, dir, slices.Delete(args, i, i+2))
	body := []byte(`{"email":"nobody@example.test","password":"wrong password 1"}`)
	var statuses []int
	for attempt := 1; attempt <= 4; attempt++ {
		req, err := http.NewRequest(http.MethodPost, s.URL+"/api/auth/sign-in/email", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", e2eTrustedOrigin)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		statuses = append(statuses, res.StatusCode)
		if attempt == 4 && res.Header.Get("X-Retry-After") == "" {
			t.Errorf("the 4th attempt has no X-Retry-After")
		}
	}
	if !slices.Equal(statuses, []int{401, 401, 401, 429}) {
		t.Errorf("sign-in statuses %v, want 401 three times then 429", statuses)
	}
	s.Alive()
}
