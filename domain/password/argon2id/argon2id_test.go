package argon2id

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"sync"
	"testing"

	"golang.org/x/crypto/argon2"
)

// TestVectors: the Argon2id vectors of the reference implementation's
// command line (password "password", salt "somesalt"), as the library
// tests them; run in this order, each derivation but the first works in
// memory an earlier one left dirty.
func TestVectors(t *testing.T) {
	var p Pool
	for _, v := range []struct {
		time, memory uint32
		threads      uint8
		hash         string
	}{
		{4, 1024, 8, "8dafa8e004f8ea96bf7c0f93eecf67a6047476143d15577f"},
		{1, 64, 1, "655ad15eac652dc59f7170a7332bf49b8469be1fdb9c28bb"},
		{2, 64, 1, "068d62b26455936aa6ebe60060b0a65870dbfa3ddf8d41f7"},
		{2, 64, 2, "350ac37222f436ccb5c0972f1ebd3bf6b958bf2071841362"},
		{3, 256, 2, "4668d30ac4187e6878eedeacf0fd83c5a0a30db2cc16ef0b"},
		{4, 4096, 4, "145db9733a9f4ee43edf33c509be96b934d505a4efb33c5a"},
		{2, 64, 3, "4a15b31aec7c2590b87d1f520be7d96f56658172deaa3079"},
		{3, 1024, 6, "1640b932f4b60e272f5d2207b9a9c626ffa1bd88d2349016"},
		{4, 1024, 8, "8dafa8e004f8ea96bf7c0f93eecf67a6047476143d15577f"},
	} {
		want, _ := hex.DecodeString(v.hash)
		if got := p.IDKey([]byte("password"), []byte("somesalt"), v.time, v.memory, v.threads, uint32(len(want))); !bytes.Equal(got, want) {
			t.Errorf("t=%d m=%d p=%d: %x, want %s", v.time, v.memory, v.threads, got, v.hash)
		}
	}
}

// TestIDKeyMatchesLibrary compares with golang.org/x/crypto/argon2 over
// costs that grow and shrink, so the pooled memory is larger than needed,
// dirty, or replaced.
func TestIDKeyMatchesLibrary(t *testing.T) {
	var p Pool
	costs := []struct {
		time, memory uint32
		threads      uint8
		keyLen       uint32
	}{
		{2, 19456, 1, 32}, // the server's default
		{1, 8, 1, 32},
		{3, 100, 2, 16},
		{1, 19456, 1, 64},
		{2, 1000, 4, 32},
		{4, 33, 3, 4},
		{1, 64 * 1024, 2, 32},
		{2, 19456, 1, 32},
	}
	for i, c := range costs {
		password, salt := []byte(fmt.Sprintf("password %d", i)), []byte(fmt.Sprintf("salt of derivation %d", i))
		want := argon2.IDKey(password, salt, c.time, c.memory, c.threads, c.keyLen)
		if got := p.IDKey(password, salt, c.time, c.memory, c.threads, c.keyLen); !bytes.Equal(got, want) {
			t.Errorf("cost %+v: %x, want %x", c, got, want)
		}
	}
}

// TestIDKeyConcurrent: derivations running at once each get their own
// memory (run with -race).
func TestIDKeyConcurrent(t *testing.T) {
	var p Pool
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				password, salt := []byte(fmt.Sprintf("p%d-%d", g, i)), []byte("concurrent salt")
				want := argon2.IDKey(password, salt, 1, 256+uint32(g)*64, 1, 32)
				if got := p.IDKey(password, salt, 1, 256+uint32(g)*64, 1, 32); !bytes.Equal(got, want) {
					t.Errorf("goroutine %d derivation %d differs from the library", g, i)
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzIDKeyMatchesLibrary: any password, salt and (small) cost gives the
// library's key, whatever an earlier derivation left in the memory.
func FuzzIDKeyMatchesLibrary(f *testing.F) {
	f.Add([]byte("correct horse battery staple"), []byte("0123456789abcdef"), uint8(2), uint16(64), uint8(1), uint8(32))
	f.Add([]byte{}, []byte{0}, uint8(1), uint16(8), uint8(4), uint8(4))
	var pool Pool // shared by the inputs: each works in memory an earlier one left
	f.Fuzz(func(t *testing.T, password, salt []byte, time uint8, memory uint16, threads, keyLen uint8) {
		tm, m, p, k := uint32(time%3)+1, uint32(memory%2048), threads%4+1, uint32(keyLen%64)+4
		want := argon2.IDKey(password, salt, tm, m, p, k)
		if got := pool.IDKey(password, salt, tm, m, p, k); !bytes.Equal(got, want) {
			t.Fatalf("t=%d m=%d p=%d len=%d: %x, want %x", tm, m, p, k, got, want)
		}
	})
}

// BenchmarkIDKey derives at the server's default cost with pooled memory
// and with the library's allocation per derivation.
func BenchmarkIDKey(b *testing.B) {
	password, salt := []byte("correct horse battery staple"), []byte("0123456789abcdef")
	var p Pool
	b.Run("pooled", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p.IDKey(password, salt, 2, 19456, 1, 32)
		}
	})
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			argon2.IDKey(password, salt, 2, 19456, 1, 32)
		}
	})
}
