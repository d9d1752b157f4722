package token

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"

	"github.com/authledger/authledger/domain"
)

func TestNewTokenShapeAndUniqueness(t *testing.T) {
	seen := map[string]bool{}
	for range 10000 {
		tok, err := New(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !domain.ValidID(tok) {
			t.Fatalf("token %q is not 32 chars of [A-Za-z0-9]", tok)
		}
		if seen[tok] {
			t.Fatalf("duplicate token %q", tok)
		}
		seen[tok] = true
	}
}

// TestNewTokenRejectionSampling: bytes ≥ 248 are skipped, others map mod 62.
func TestNewTokenRejectionSampling(t *testing.T) {
	src := bytes.Repeat([]byte{255, 248, 0, 61, 62, 247}, 20)
	tok, err := New(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Repeat([]byte{'a', '9', 'a', '9'}, 8) // 0→a, 61→9, 62→a, 247→9
	if tok != string(want) {
		t.Errorf("NewToken = %q, want %q", tok, want)
	}
}

func TestNewTokenUniformity(t *testing.T) {
	counts := map[rune]int{}
	const n = 4000
	for range n {
		tok, err := New(nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range tok {
			counts[c]++
		}
	}
	// 128 000 characters over 62 symbols: mean ≈ 2065, sd ≈ 45; ±400 is ~9 sd.
	for c, k := range counts {
		if k < 1665 || k > 2465 {
			t.Errorf("symbol %q drawn %d times, outside the expected band", c, k)
		}
	}
	if len(counts) != 62 {
		t.Errorf("%d distinct symbols, want 62", len(counts))
	}
}

func TestNewTokenReaderError(t *testing.T) {
	boom := errors.New("boom")
	if _, err := New(iotest.ErrReader(boom)); !errors.Is(err, boom) {
		t.Errorf("err = %v, want it to wrap %v", err, boom)
	}
	if _, err := New(bytes.NewReader(bytes.Repeat([]byte{250}, 100))); !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		t.Errorf("err = %v, want EOF after only rejected bytes", err)
	}
}
