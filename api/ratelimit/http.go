package ratelimit

import (
	"net/http"
	"strconv"
	"time"
)

// TooManyRequestsBody is Better Auth's 429 body, byte for byte.
const TooManyRequestsBody = `{"message":"Too many requests. Please try again later."}`

// RetrySeconds rounds a wait up to whole seconds, at least 1, as Better
// Auth's Math.ceil does.
func RetrySeconds(retryAfter time.Duration) int64 {
	s := int64((retryAfter + time.Second - 1) / time.Second)
	return max(s, 1)
}

// Write429 writes Better Auth's rate-limit answer: status 429, the JSON body,
// X-Retry-After (what the Better Auth client reads) and the standard
// Retry-After, both in whole seconds.
func Write429(w http.ResponseWriter, retryAfter time.Duration) {
	secs := strconv.FormatInt(RetrySeconds(retryAfter), 10)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Retry-After", secs)
	h.Set("Retry-After", secs)
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(TooManyRequestsBody))
}
