package sessionindex

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestTableMatchesMap adds and removes sessions at random, many sharing
// their first slots (short probe runs wrap around the table and collide),
// and checks after each step that the table finds exactly what a Go map
// holds.
func TestTableMatchesMap(t *testing.T) {
	tests := []struct {
		name  string
		steps int
		keys  int
		clash bool // keys share their first 8 bytes in groups, forcing long probe runs
	}{
		{"spread", 20_000, 3_000, false},
		{"clashing", 5_000, 600, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			key := func(k int) [32]byte {
				h := sha256.Sum256(binary.LittleEndian.AppendUint64(nil, uint64(k)))
				if tc.clash {
					binary.LittleEndian.PutUint64(h[:8], uint64(k%7)*0x9e3779b97f4a7c15)
				}
				return h
			}
			var tb table
			want := map[[32]byte]uint32{}
			for step := range tc.steps {
				h := key(rng.IntN(tc.keys))
				if n, ok := want[h]; ok {
					tb.remove(n)
					delete(want, h)
				} else {
					want[h] = tb.add(entry{tokenHash: h, created: int64(step)})
				}
				if step%97 != 0 && step != tc.steps-1 {
					continue
				}
				if tb.n != len(want) {
					t.Fatalf("step %d: %d live, want %d", step, tb.n, len(want))
				}
				for k := range tc.keys {
					h := key(k)
					n, ok := tb.find(h)
					wn, wok := want[h]
					if ok != wok || ok && (n != wn || tb.at(n).tokenHash != h) {
						t.Fatalf("step %d key %d: found %v (%d), want %v (%d)", step, k, ok, n, wok, wn)
					}
				}
			}
		})
	}
}
