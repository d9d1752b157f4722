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
	decoders := []struct {
		suffix string
		decode func(context.Context, eventstore.Record) (domain.Event, domain.Metadata, error)
	}{
		{"", codec.Decode},
		{"/event-only", codec.DecodeEvent}, // metadata PII left sealed
	}
	for _, tt := range tests {
		for _, dec := range decoders {
			b.Run(tt.name+dec.suffix, func(b *testing.B) {
				d, err := codec.Encode(ctx, tt.ev, sampleMeta(), tt.keyRef)
				if err != nil {
					b.Fatal(err)
				}
				rec := record(d)
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					if _, _, err := dec.decode(ctx, rec); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
