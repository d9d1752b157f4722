package password

import (
	"context"
	"runtime"
	"testing"
)

// BenchmarkHash measures one Argon2id hash at production params; compare its
// rate with sign-in throughput.
func BenchmarkHash(b *testing.B) {
	h := NewHasher(DefaultParams(), 1)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.Hash(ctx, "quietly orange paddle harbor"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyParallel measures Verify at production params from
// GOMAXPROCS goroutines sharing one Hasher with one slot per CPU.
func BenchmarkVerifyParallel(b *testing.B) {
	h := NewHasher(DefaultParams(), runtime.GOMAXPROCS(0))
	ctx := context.Background()
	phc, err := h.Hash(ctx, "quietly orange paddle harbor")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if ok, _, err := h.Verify(ctx, "quietly orange paddle harbor", phc); err != nil || !ok {
				b.Fatalf("Verify = %v, %v", ok, err)
			}
		}
	})
}

// BenchmarkPolicyCheck measures a full policy check with the bundled list.
func BenchmarkPolicyCheck(b *testing.B) {
	p := DefaultPolicy()
	for b.Loop() {
		_ = p.Check("quietly orange paddle harbor", "jane.doe@example.com", "Jane Doe")
	}
}

// BenchmarkDefaultBlocklist measures building the bundled list.
func BenchmarkDefaultBlocklist(b *testing.B) {
	for b.Loop() {
		_ = DefaultBlocklist()
	}
}
