package httpapi

import "testing"

// BenchmarkRequestPasswordReset compares known and unknown emails. Both
// answer before any lookup; the known path's background work (lookup,
// append, undeliverable log: no mailer here) still competes for the CPU
// with the next requests, which is what the gap in ns/op measures.
func BenchmarkRequestPasswordReset(b *testing.B) {
	for _, addr := range []string{"alice@example.com", "ghost@example.com"} {
		b.Run(addr, func(b *testing.B) {
			h := newHarness(b)
			h.signUp("alice@example.com", "correct horse 1", "Alice")
			body := `{"email":"` + addr + `"}`
			for b.Loop() {
				if r := h.post("/request-password-reset", body, nil); r.status != 200 {
					b.Fatalf("got %d %s", r.status, r.body)
				}
			}
		})
	}
}
