package token

import (
	"bytes"
	"sync"
	"testing"

	"github.com/authledger/authledger/domain"
)

func TestSequenceUniqueAndValid(t *testing.T) {
	s, err := NewSequence(nil)
	if err != nil {
		t.Fatal(err)
	}
	const workers, each = 4, 5000
	ids := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range each {
				ids[w] = append(ids[w], s.Next())
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, part := range ids {
		for _, id := range part {
			if !domain.ValidID(id) {
				t.Fatalf("%q is not a valid id", id)
			}
			if seen[id] {
				t.Fatalf("%q handed out twice", id)
			}
			seen[id] = true
		}
	}
	if len(seen) != workers*each {
		t.Fatalf("%d ids, want %d", len(seen), workers*each)
	}
}

func TestSequencePrefixFromReader(t *testing.T) {
	a, err := NewSequence(bytes.NewReader(bytes.Repeat([]byte{0}, 64)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewSequence(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"fixed stream, first", a.Next(), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"},
		{"fixed stream, second", a.Next(), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if x, y := a.Next(), b.Next(); x[:domain.IDLength-seqDigits] == y[:domain.IDLength-seqDigits] {
		t.Errorf("two sequences share the prefix %q", x[:domain.IDLength-seqDigits])
	}
}

func TestSequenceCarries(t *testing.T) {
	s, err := NewSequence(bytes.NewReader(bytes.Repeat([]byte{0}, 64)))
	if err != nil {
		t.Fatal(err)
	}
	s.n.Store(uint64(len(alphabet)) - 1)
	if got, want := s.Next(), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaba"; got != want {
		t.Errorf("after the last digit: %q, want %q", got, want)
	}
}

func BenchmarkSequenceNext(b *testing.B) {
	s, err := NewSequence(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Next()
	}
}

func BenchmarkNewID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = New(nil)
	}
}
