package token

import (
	"bytes"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
)

func TestNewOrderedPrefix(t *testing.T) {
	cases := []struct {
		name string
		at   time.Time
		want string
	}{
		{"epoch", time.UnixMilli(0), "00000000"},
		{"before 1970", time.UnixMilli(-5), "00000000"},
		{"one millisecond", time.UnixMilli(1), "00000001"},
		{"61 ms", time.UnixMilli(61), "0000000z"},
		{"62 ms carries", time.UnixMilli(62), "00000010"},
		{"2026-12-07", time.Date(2026, 12, 7, 17, 0, 0, 0, time.UTC), millis62(time.Date(2026, 12, 7, 17, 0, 0, 0, time.UTC).UnixMilli())},
		{"sub-millisecond ignored", time.UnixMilli(1000).Add(999 * time.Microsecond), "000000G8"},
		{"last of the range", time.UnixMilli(int64(math.Pow(62, 8)) - 1), "zzzzzzzz"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id, err := NewOrdered(bytes.NewReader(bytes.Repeat([]byte{0}, 64)), c.at)
			if err != nil {
				t.Fatal(err)
			}
			if got := id[:OrderedPrefixLength]; got != c.want {
				t.Errorf("prefix = %q, want %q", got, c.want)
			}
			if want := strings.Repeat("a", OrderedRandomLength); id[OrderedPrefixLength:] != want {
				t.Errorf("random part = %q, want %q (byte 0 maps to 'a')", id[OrderedPrefixLength:], want)
			}
			if !domain.ValidID(id) {
				t.Errorf("%q is not a valid identifier", id)
			}
		})
	}
}

// millis62 is the base-62 digits of ms, written independently of putMillis.
func millis62(ms int64) string {
	s := ""
	for range OrderedPrefixLength {
		s = string(orderedAlphabet[ms%62]) + s
		ms /= 62
	}
	return s
}

// TestNewOrderedSortsByTime: byte order of identifiers follows their times
// (at millisecond resolution) whatever their random parts.
func TestNewOrderedSortsByTime(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var ids []string
	var times []time.Time
	for i := range 5000 {
		at := start.Add(time.Duration(i*i) * 7 * time.Millisecond)
		id, err := NewOrdered(nil, at)
		if err != nil {
			t.Fatal(err)
		}
		ids, times = append(ids, id), append(times, at)
	}
	if !sort.StringsAreSorted(ids) {
		t.Fatal("identifiers made at increasing times are not in byte order")
	}
	for i := 1; i < len(ids); i++ {
		if times[i].UnixMilli() > times[i-1].UnixMilli() && ids[i][:OrderedPrefixLength] <= ids[i-1][:OrderedPrefixLength] {
			t.Fatalf("prefix of %v (%q) not after that of %v (%q)", times[i], ids[i], times[i-1], ids[i-1])
		}
	}
}

func TestNewOrderedUniqueAndRandom(t *testing.T) {
	at := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	counts := map[byte]int{}
	const n = 4000
	for range n {
		id, err := NewOrdered(nil, at) // one millisecond for all: only the random part differs
		if err != nil {
			t.Fatal(err)
		}
		if seen[id] {
			t.Fatalf("duplicate identifier %q", id)
		}
		seen[id] = true
		for i := OrderedPrefixLength; i < len(id); i++ {
			counts[id[i]]++
		}
	}
	if len(counts) != len(alphabet) {
		t.Errorf("random part used %d symbols, want %d", len(counts), len(alphabet))
	}
	// 96 000 characters over 62 symbols: mean ≈ 1548, sd ≈ 39; ±350 is ~9 sd.
	for c, k := range counts {
		if k < 1198 || k > 1898 {
			t.Errorf("symbol %q drawn %d times, outside the expected band", c, k)
		}
	}
	if bits := float64(OrderedRandomLength) * math.Log2(float64(len(alphabet))); bits < 128 {
		t.Errorf("random part carries %.1f bits, want at least 128", bits)
	}
}

func TestNewOrderedReadError(t *testing.T) {
	if _, err := NewOrdered(bytes.NewReader(nil), time.Now()); err == nil {
		t.Fatal("NewOrdered with an empty reader succeeded")
	}
}

func BenchmarkNewOrdered(b *testing.B) {
	at := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewOrdered(nil, at); err != nil {
			b.Fatal(err)
		}
	}
}
