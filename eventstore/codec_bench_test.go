package eventstore_test

import (
	"context"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

// BenchmarkCodecDecode decodes one stored record (what replay, rebuild and
// the followers do for every record), with allocations: an event whose
// personal data is sealed under its subject's key (opened through the
// keyring's cache) with sealed request metadata, and an event without
// personal data.
func BenchmarkCodecDecode(b *testing.B) {
	r := eventstore.NewRegistry()
	eventstore.Register[signedUp](r, 1)
	eventstore.Register[noPII](r, 1)
	s := memory.New()
	defer s.Close()
	codec := eventstore.NewCodec(r, eventstore.NewKeyring(s.Keys(), eventstore.DeriveKEK([]byte("bench secret"))))
	ctx := context.Background()
	tests := []struct {
		name   string
		ev     domain.Event
		keyRef string
	}{
		{"sealed-pii", sampleEvent(), "person-p1"},
		{"no-pii", noPII{SessionID: "s1"}, ""},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			d, err := codec.Encode(ctx, tt.ev, sampleMeta(), tt.keyRef)
			if err != nil {
				b.Fatal(err)
			}
			rec := record(d)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, _, err := codec.Decode(ctx, rec); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tt.name+"/event-only", func(b *testing.B) { // DecodeEvent: metadata PII left sealed
			d, err := codec.Encode(ctx, tt.ev, sampleMeta(), tt.keyRef)
			if err != nil {
				b.Fatal(err)
			}
			rec := record(d)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, _, err := codec.DecodeEvent(ctx, rec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
