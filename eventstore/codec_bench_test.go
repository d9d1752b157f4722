package eventstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// BenchmarkDecode measures decoding one stored record as a rebuild or a
// load does: JSON of the event and its metadata, and unsealing the personal
// data (an email and an image in the event, IP and user agent in the
// metadata) with a data key already in the keyring's cache.
func BenchmarkDecode(b *testing.B) {
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		ev   domain.Event
		meta domain.Metadata
	}{
		{"sealed", signedUp{PersonID: "p0123456789abcdef0123456789abcde", Email: "ada@example.com", Image: "https://example.com/a.png",
			Contact: contact{Phone: "+44 20 7946 0000", City: "London"}, Verified: true},
			domain.Metadata{Actor: "p0123456789abcdef0123456789abcde", RequestID: "r-0123456789", IP: "198.51.100.23",
				UserAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0", OccurredAt: time.Now()}},
		{"plain", noPII{SessionID: "s0123456789abcdef0123456789abcde"},
			domain.Metadata{Actor: "p0123456789abcdef0123456789abcde", RequestID: "r-0123456789", OccurredAt: time.Now()}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			f := newFixture(b)
			data, err := f.codec.Encode(ctx, bc.ev, bc.meta, "p0123456789abcdef0123456789abcde")
			if err != nil {
				b.Fatal(err)
			}
			rec := eventstore.Record{ID: data.ID, Stream: "person-1", Version: 1, Type: data.Type, Schema: data.Schema,
				Data: data.Data, Meta: data.Meta, KeyRef: data.KeyRef, OccurredAt: data.OccurredAt}
			if _, _, err := f.codec.Decode(ctx, rec); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := f.codec.Decode(ctx, rec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
