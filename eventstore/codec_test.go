package eventstore_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/google/go-cmp/cmp"
)

type contact struct {
	Phone string `json:"phone,omitempty" pii:"true"`
	City  string `json:"city"`
}

type signedUp struct {
	PersonID string  `json:"personId"`
	Email    string  `json:"email" pii:"true"`
	Nick     *string `json:"nick,omitempty" pii:"true"`
	Image    string  `json:"image,omitempty" pii:"true"`
	Contact  contact `json:"contact"`
	Verified bool    `json:"verified"`
}

func (signedUp) EventType() string { return "test.signed_up" }

type noPII struct {
	SessionID string `json:"sessionId"`
}

func (noPII) EventType() string { return "test.no_pii" }

// fixture is a codec over an in-memory keystore.
type fixture struct {
	store *memory.Store
	keys  *eventstore.Keyring
	codec *eventstore.Codec
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	r := eventstore.NewRegistry()
	eventstore.Register[signedUp](r, 1)
	eventstore.Register[noPII](r, 1)
	s := memory.New()
	t.Cleanup(func() { _ = s.Close() })
	k := eventstore.NewKeyring(s.Keys(), eventstore.DeriveKEK([]byte("test secret")))
	return fixture{store: s, keys: k, codec: eventstore.NewCodec(r, k)}
}

func ptr(s string) *string { return &s }

func sampleEvent() signedUp {
	return signedUp{PersonID: "p1", Email: "ada@example.com", Nick: ptr("ada-nick"),
		Contact: contact{Phone: "+44 20 7946 0000", City: "London"}, Verified: true}
}

func sampleMeta() domain.Metadata {
	return domain.Metadata{Actor: "person-p1", RequestID: "req-1", IP: "203.0.113.9",
		UserAgent: "Mozilla/5.0 test", OccurredAt: time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)}
}

// record turns EventData into the Record a store would return.
func record(d eventstore.EventData) eventstore.Record {
	return eventstore.Record{ID: d.ID, Stream: "person-p1", Version: 1, Position: eventstore.Position{Lo: 1},
		Type: d.Type, Schema: d.Schema, Data: d.Data, Meta: d.Meta, KeyRef: d.KeyRef, OccurredAt: d.OccurredAt}
}

func TestCodecRoundTripSealsPII(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ev, meta := sampleEvent(), sampleMeta()
	d, err := f.codec.Encode(ctx, ev, meta, "person-p1")
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	stored := string(d.Data) + string(d.Meta)
	for _, plain := range []string{ev.Email, *ev.Nick, ev.Contact.Phone, meta.IP, meta.UserAgent} {
		if strings.Contains(stored, plain) {
			t.Errorf("stored JSON contains plaintext %q: %s", plain, stored)
		}
	}
	for _, clear := range []string{`"personId":"p1"`, `"city":"London"`, `"actor":"person-p1"`, `"image":`} {
		if want := clear != `"image":`; strings.Contains(stored, clear) != want {
			t.Errorf("stored JSON contains %s = %v, want %v: %s", clear, !want, want, stored)
		}
	}
	if n := strings.Count(stored, "sealed:v1:"); n != 5 {
		t.Errorf("stored JSON has %d sealed values, want 5", n)
	}
	if d.Type != "test.signed_up" || d.Schema != 1 || d.KeyRef != "person-p1" || !d.OccurredAt.Equal(meta.OccurredAt) {
		t.Errorf("EventData envelope = %q %d %q %v", d.Type, d.Schema, d.KeyRef, d.OccurredAt)
	}
	gotEv, gotMeta, err := f.codec.Decode(ctx, record(d))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if diff := cmp.Diff(gotEv, domain.Event(ev)); diff != "" {
		t.Errorf("Decode event (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(gotMeta, meta); diff != "" {
		t.Errorf("Decode metadata (-got +want):\n%s", diff)
	}
}

func TestEncodeIDIsUUIDv7(t *testing.T) {
	f := newFixture(t)
	a, err1 := f.codec.Encode(context.Background(), noPII{SessionID: "s"}, domain.Metadata{}, "")
	b, err2 := f.codec.Encode(context.Background(), noPII{SessionID: "s"}, domain.Metadata{}, "")
	if err1 != nil || err2 != nil {
		t.Fatalf("Encode: %v, %v", err1, err2)
	}
	if len(a.ID) != 36 || a.ID[14] != '7' || a.ID == b.ID {
		t.Errorf("IDs %q, %q: want distinct UUIDv7", a.ID, b.ID)
	}
}

func TestEncodeWithoutKeyRef(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.codec.Encode(ctx, sampleEvent(), domain.Metadata{}, ""); err == nil {
		t.Error("Encode of an event with PII and no key ref succeeded, want an error")
	}
	d, err := f.codec.Encode(ctx, noPII{SessionID: "s1"}, sampleMeta(), "")
	if err != nil {
		t.Fatalf("Encode without PII: %v", err)
	}
	if strings.Contains(string(d.Meta), "203.0.113.9") || strings.Contains(string(d.Meta), "sealed:") {
		t.Errorf("metadata PII without a key ref was stored: %s", d.Meta)
	}
	_, meta, err := f.codec.Decode(ctx, record(d))
	if err != nil || meta.IP != "" || meta.Actor != "person-p1" {
		t.Errorf("Decode = %+v, %v; want actor kept, IP dropped", meta, err)
	}
}

func TestEmptyPIIStaysUnsealed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ev := signedUp{PersonID: "p2", Email: ""}
	d, err := f.codec.Encode(ctx, ev, domain.Metadata{}, "person-p2")
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if strings.Contains(string(d.Data), "sealed:") {
		t.Errorf("empty PII was sealed: %s", d.Data)
	}
	if err := f.keys.Forget(ctx, "person-p2"); err != nil {
		t.Fatal(err)
	}
	got, _, err := f.codec.Decode(ctx, record(d))
	if err != nil || got != domain.Event(ev) {
		t.Errorf("Decode = %+v, %v; want %+v", got, err, ev)
	}
}

func TestDecodeRejectsTampering(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, err := f.codec.Encode(ctx, sampleEvent(), sampleMeta(), "person-p1")
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if err := f.keys.Ensure(ctx, "person-other"); err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(d.Data, &fields); err != nil {
		t.Fatal(err)
	}
	email := fields["email"].(string)
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(email, "sealed:v1:"))
	if err != nil {
		t.Fatalf("sealed value is not base64: %v", err)
	}
	raw[len(raw)/2] ^= 1
	flipped := "sealed:v1:" + base64.StdEncoding.EncodeToString(raw)
	tests := []struct {
		name   string
		mutate func(r *eventstore.Record)
	}{
		{"flipped ciphertext", func(r *eventstore.Record) { r.Data = setField(t, r.Data, "email", flipped) }},
		{"truncated ciphertext", func(r *eventstore.Record) { r.Data = setField(t, r.Data, "email", email[:20]) }},
		{"not base64", func(r *eventstore.Record) { r.Data = setField(t, r.Data, "email", "sealed:v1:%%%") }},
		{"plaintext in a PII field", func(r *eventstore.Record) { r.Data = setField(t, r.Data, "email", "eve@example.com") }},
		{"moved to another field", func(r *eventstore.Record) { r.Data = setField(t, r.Data, "image", email) }},
		{"other subject's key", func(r *eventstore.Record) { r.KeyRef = "person-other" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := record(d)
			tt.mutate(&rec)
			if _, _, err := f.codec.Decode(ctx, rec); !errors.Is(err, eventstore.ErrBadSeal) {
				t.Errorf("Decode = %v, want ErrBadSeal", err)
			}
		})
	}
}

func setField(t *testing.T, data json.RawMessage, key, value string) json.RawMessage {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m[key] = value
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDecodeAfterErasureEmptiesPII(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, err := f.codec.Encode(ctx, sampleEvent(), sampleMeta(), "person-p1")
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if err := f.keys.Forget(ctx, "person-p1"); err != nil {
		t.Fatalf("Forget: %v", err)
	}
	got, meta, err := f.codec.Decode(ctx, record(d))
	if err != nil {
		t.Fatalf("Decode after erasure: %v", err)
	}
	want := signedUp{PersonID: "p1", Contact: contact{City: "London"}, Verified: true}
	if diff := cmp.Diff(got, domain.Event(want)); diff != "" {
		t.Errorf("Decode after erasure (-got +want):\n%s", diff)
	}
	wantMeta := sampleMeta()
	wantMeta.IP, wantMeta.UserAgent = "", ""
	if diff := cmp.Diff(meta, wantMeta); diff != "" {
		t.Errorf("metadata after erasure (-got +want):\n%s", diff)
	}
}

func TestDecodeUnknownType(t *testing.T) {
	f := newFixture(t)
	rec := eventstore.Record{Type: "test.never_registered", Schema: 1, Data: []byte(`{}`)}
	_, _, err := f.codec.Decode(context.Background(), rec)
	if !errors.Is(err, eventstore.ErrUnknownEventType) || !strings.Contains(err.Error(), "test.never_registered") {
		t.Errorf("Decode = %v, want ErrUnknownEventType naming the type", err)
	}
}

// TestDecodeEventLeavesMetadataPIIEmpty: DecodeEvent opens the event's
// personal data like Decode but returns the metadata's empty, without
// opening it (so not even a tampered sealed IP fails it), and the rest of
// the metadata as stored.
func TestDecodeEventLeavesMetadataPIIEmpty(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	meta := sampleMeta()
	tests := []struct {
		name   string
		ev     domain.Event
		keyRef string
		tamper bool
	}{
		{"sealed event and metadata", sampleEvent(), "person-p1", false},
		{"metadata only", noPII{SessionID: "s1"}, "person-p1", false},
		{"tampered metadata", noPII{SessionID: "s1"}, "person-p1", true},
	}
	for _, tt := range tests {
		d, err := f.codec.Encode(ctx, tt.ev, meta, tt.keyRef)
		if err != nil {
			t.Fatalf("%s: Encode: %v", tt.name, err)
		}
		rec := record(d)
		if tt.tamper {
			var m map[string]any
			must(t, json.Unmarshal(rec.Meta, &m))
			m["ip"] = "sealed:v1:" + base64.StdEncoding.EncodeToString([]byte("not a ciphertext at all"))
			rec.Meta, err = json.Marshal(m)
			must(t, err)
		}
		gotEv, gotMeta, err := f.codec.DecodeEvent(ctx, rec)
		if err != nil {
			t.Fatalf("%s: DecodeEvent: %v", tt.name, err)
		}
		if diff := cmp.Diff(gotEv, tt.ev); diff != "" {
			t.Errorf("%s: event (-got +want):\n%s", tt.name, diff)
		}
		want := meta
		want.IP, want.UserAgent = "", ""
		if diff := cmp.Diff(gotMeta, want); diff != "" {
			t.Errorf("%s: metadata (-got +want):\n%s", tt.name, diff)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
