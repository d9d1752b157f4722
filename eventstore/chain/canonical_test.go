package chain_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

func sampleRecord() eventstore.Record {
	return eventstore.Record{ID: "0190b6d2-0000-7000-8000-000000000001", Stream: "person-p1", Version: 2,
		Position: eventstore.Position{Hi: 7, Lo: 42}, Type: "person.signed_up", Schema: 1,
		Data: []byte(`{"email":"sealed"}`), Meta: []byte(`{"actor":"a"}`), KeyRef: "p1",
		OccurredAt: time.Date(2026, 11, 27, 10, 0, 0, 5, time.UTC), RecordedAt: time.Date(2026, 11, 27, 10, 0, 1, 0, time.UTC)}
}

// TestCanonicalGolden pins the version-1 encoding and link: changing either
// breaks every stored chain.
func TestCanonicalGolden(t *testing.T) {
	got := hex.EncodeToString(chain.AppendCanonical(nil, sampleRecord()))
	want := "01" + "0000000000000007" + "000000000000002a" +
		"00000024" + hex.EncodeToString([]byte("0190b6d2-0000-7000-8000-000000000001")) +
		"00000009" + hex.EncodeToString([]byte("person-p1")) + "0000000000000002" +
		"00000010" + hex.EncodeToString([]byte("person.signed_up")) + "0000000000000001" +
		"00000012" + hex.EncodeToString([]byte(`{"email":"sealed"}`)) +
		"0000000d" + hex.EncodeToString([]byte(`{"actor":"a"}`)) +
		"00000002" + hex.EncodeToString([]byte("p1")) +
		"01" + "000000006b0954a0" + "00000005" + // 2026-11-27T10:00:00.000000005Z
		"01" + "000000006b0954a1" + "00000000"
	if got != want {
		t.Fatalf("AppendCanonical =\n%s\nwant\n%s", got, want)
	}
	link := chain.NextLink(chain.Digest{}, sampleRecord())
	if got, want := link.String(), goldenLink; got != want {
		t.Errorf("NextLink(zero, sample) = %s, want %s", got, want)
	}
}

// goldenLink is SHA-256(32 zero bytes ‖ the canonical bytes above), computed independently.
const goldenLink = "4da3e4832c477f29c13485f1b87508d5712d19f0a92ee1782bad0a1b21406e92"

// TestCanonicalCoversEveryField changes each field in turn: every change
// must change the link.
func TestCanonicalCoversEveryField(t *testing.T) {
	base := chain.NextLink(chain.Digest{}, sampleRecord())
	tests := []struct {
		name string
		edit func(r *eventstore.Record)
	}{
		{"Position.Hi", func(r *eventstore.Record) { r.Position.Hi++ }},
		{"Position.Lo", func(r *eventstore.Record) { r.Position.Lo++ }},
		{"ID", func(r *eventstore.Record) { r.ID += "x" }},
		{"Stream", func(r *eventstore.Record) { r.Stream = "person-p2" }},
		{"Version", func(r *eventstore.Record) { r.Version++ }},
		{"Type", func(r *eventstore.Record) { r.Type = "person.erased" }},
		{"Schema", func(r *eventstore.Record) { r.Schema = 2 }},
		{"Data", func(r *eventstore.Record) { r.Data = []byte(`{"email":"sealee"}`) }},
		{"Meta", func(r *eventstore.Record) { r.Meta = nil }},
		{"KeyRef", func(r *eventstore.Record) { r.KeyRef = "" }},
		{"OccurredAt", func(r *eventstore.Record) { r.OccurredAt = r.OccurredAt.Add(time.Nanosecond) }},
		{"OccurredAt zero", func(r *eventstore.Record) { r.OccurredAt = time.Time{} }},
		{"RecordedAt", func(r *eventstore.Record) { r.RecordedAt = r.RecordedAt.Add(time.Second) }},
		{"Type and Stream boundary", func(r *eventstore.Record) { r.Stream, r.Type = "person-p1person", ".signed_up" }},
		{"Data into Meta", func(r *eventstore.Record) { r.Data, r.Meta = []byte(`{"email":"sealed"}{"actor":"a"}`), nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sampleRecord()
			tt.edit(&r)
			if got := chain.NextLink(chain.Digest{}, r); got == base {
				t.Errorf("link unchanged after editing %s", tt.name)
			}
		})
	}
}

func TestCanonicalNilAndEmptyMetaAgree(t *testing.T) {
	a, b := sampleRecord(), sampleRecord()
	a.Meta, b.Meta = nil, []byte{}
	if !bytes.Equal(chain.AppendCanonical(nil, a), chain.AppendCanonical(nil, b)) {
		t.Error("nil and empty Meta encode differently")
	}
	loc := sampleRecord()
	loc.OccurredAt = loc.OccurredAt.In(time.FixedZone("X", 3600))
	if chain.NextLink(chain.Digest{}, loc) != chain.NextLink(chain.Digest{}, sampleRecord()) {
		t.Error("the same instant in another zone hashes differently")
	}
}

func TestDigestText(t *testing.T) {
	d := chain.NextLink(chain.Digest{}, sampleRecord())
	text, _ := d.MarshalText()
	var back chain.Digest
	if err := back.UnmarshalText(text); err != nil || back != d {
		t.Fatalf("UnmarshalText(MarshalText(d)) = %s, %v; want %s", back, err, d)
	}
	for _, bad := range []string{"", "00", d.String() + "0", "zz" + d.String()[2:]} {
		if err := back.UnmarshalText([]byte(bad)); !errors.Is(err, chain.ErrMalformed) {
			t.Errorf("UnmarshalText(%q) = %v, want ErrMalformed", bad, err)
		}
	}
}

// FuzzDigestText: any input either fails with ErrMalformed or round-trips.
func FuzzDigestText(f *testing.F) {
	f.Add(chain.NextLink(chain.Digest{}, sampleRecord()).String())
	f.Add("")
	f.Add("0g")
	f.Fuzz(func(t *testing.T, s string) {
		var d chain.Digest
		if err := d.UnmarshalText([]byte(s)); err != nil {
			if !errors.Is(err, chain.ErrMalformed) {
				t.Fatalf("UnmarshalText(%q) = %v, want ErrMalformed", s, err)
			}
			return
		}
		if got := d.String(); !bytes.EqualFold([]byte(got), []byte(s)) {
			t.Fatalf("round trip of %q = %q", s, got)
		}
	})
}
