package email

import "testing"

// TestIdempotentForEveryRune puts every Unicode code point into the local
// part and the domain and checks that whatever Canonicalize accepts is a
// fixed point. (It found U+2135..U+2138, whose IDNA mapping the lookup
// profile refuses to read back.) About 8 s; skipped with -short and -race
// (where it takes a minute; FuzzCanonicalize still runs).
func TestIdempotentForEveryRune(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("exhaustive rune sweep skipped with -short and -race")
	}
	accepted := 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		for _, s := range []string{"a" + string(r) + "b@example.com", string(r) + "@example.com", "x@ex" + string(r) + "ample.com"} {
			got, err := Canonicalize(s)
			if err != nil {
				continue
			}
			accepted++
			if again, err := Canonicalize(got); err != nil || again != got {
				t.Errorf("%U: Canonicalize(%q) = %q, then %q, %v", r, s, got, again, err)
			}
		}
	}
	if accepted < 100_000 {
		t.Errorf("only %d inputs accepted; the sweep is not exercising much", accepted)
	}
	t.Logf("%d inputs accepted and idempotent", accepted)
}
